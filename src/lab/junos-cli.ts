import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import { matchCommand, type MatchResult } from './command-matcher.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import { junosTimestamp } from './ios-time.ts';
import type { JunosCliContext, JunosMode } from './junos-cli-context.ts';
import { junosCommitCheck } from './junos-commit-check.ts';
import { JUNOS_CONFIG_COMMANDS } from './junos-config-commands.ts';
import { renderHierarchy, renderSetCommands, type JunosTextOptions } from './junos-configuration-text.ts';
import { JUNOS_OPERATIONAL_COMMANDS } from './junos-operational-commands.ts';
import { cloneJunosConfig, type JunosConfig, type JunosState } from './junos-state.ts';
import type { PagerStyle, TerminalCli } from './terminal-cli.ts';

const JUNOS_PAGER: PagerStyle = {
  prompt: (percent) => `---(more ${percent}%)---`,
  erase: (prompt) => `\r${' '.repeat(prompt.length)}\r`,
};
const INTERFACE = /^(?:(?:ge|xe|et)-\d+\/\d+\/\d+|lo0|irb|ae\d+)$/;

/**
 * One session's Junos CLI (an EX-like switch): operational and configuration modes, a shared or a private
 * candidate, `commit check` / `commit` / `rollback 0`, pipes (`| display set`, `| no-more`, `| match X`)
 * and Junos error texts. No I/O.
 */
export class JunosCli implements JunosCliContext, TerminalCli {
  mode: JunosMode = 'operational';
  screenLength = 24;
  screenWidth = 80;
  readonly pager = JUNOS_PAGER;
  readonly ctrlZEcho = null;
  private database: 'shared' | 'private' = 'shared';
  private privateCandidate: JunosConfig | null = null;
  private pipes = { noMore: false, displaySet: false };

  constructor(
    readonly state: JunosState,
    readonly env: LabDeviceEnv,
  ) {}

  get pageLength(): number {
    return this.pipes.noMore ? 0 : this.screenLength;
  }

  /** A blank line, the chassis and edit level, then `user@host> ` or `user@host# `. */
  prompt(): string {
    const at = `${this.env.username}@${this.state.active.hostName}`;
    return this.mode === 'configuration' ? `\n{master:0}[edit]\n${at}# ` : `\n{master:0}\n${at}> `;
  }

  parseInterface(text: string): string | null {
    return INTERFACE.test(text) ? text : null;
  }

  candidate(): JunosConfig {
    if (this.database === 'private' && this.privateCandidate !== null) return this.privateCandidate;
    this.state.shared ??= cloneJunosConfig(this.state.active);
    return this.state.shared;
  }

  execute(line: string): CliResult {
    this.pipes = { noMore: false, displaySet: false };
    if (line === '\x1a') return NO_OUTPUT;
    const [base = '', ...pipes] = line.split('|');
    let match: RegExp | null = null;
    for (const pipe of pipes.map((p) => p.trim())) {
      if (pipe === 'no-more') this.pipes.noMore = true;
      else if (pipe === 'display set') this.pipes.displaySet = true;
      else if (pipe.startsWith('match ')) match = new RegExp(pipe.slice(6).trim().replace(/^"(.*)"$/, '$1'));
      else return { output: `${this.caret(line.indexOf(pipe))}syntax error, expecting <command>.\n` };
    }
    const result = this.dispatch(base.trimEnd(), this.mode, 0);
    if (match === null) return result;
    return { ...result, output: result.output.split('\n').filter((l) => match.test(l)).join('\n') + '\n' };
  }

  runOperational(line: string): CliResult {
    if (/^\s*(conf|exit|quit)/.test(line)) return { output: `${this.caret(4)}syntax error, expecting <command>.\n` };
    return this.dispatch(line, 'operational', 4); // after "run "
  }

  configurationText(which: 'active' | 'candidate'): string {
    const fault = this.env.fault();
    const options: JunosTextOptions = {
      username: this.env.username,
      password: this.env.password,
      clearTextSecrets: fault?.kind === 'echoSecrets',
      lastCommit: which === 'active' ? `${junosTimestamp(this.state.lastCommitAt)} by ${this.state.lastCommitBy}` : null,
    };
    const config = which === 'active' ? this.state.active : this.candidate();
    return this.pipes.displaySet ? renderSetCommands(config, options) : renderHierarchy(config, options);
  }

  enterConfiguration(database: 'shared' | 'private'): CliResult {
    const sharedDirty = this.state.shared !== null && this.differs(this.state.shared);
    if (database === 'private' && sharedDirty) {
      return { output: 'error: shared configuration database modified\nUsers currently editing the configuration:\n  root terminal u0 (pid 1234) on since 2025-01-06 10:00:00 UTC\n      [edit]\n' };
    }
    this.mode = 'configuration';
    this.database = database;
    if (database === 'private') {
      this.privateCandidate = cloneJunosConfig(this.state.active);
      return { output: 'warning: uncommitted changes will be discarded on exit\nEntering configuration mode\n' };
    }
    return { output: `Entering configuration mode\n${sharedDirty ? 'The configuration has been changed but not committed\n' : ''}` };
  }

  commit(how: 'check' | 'commit' | 'and-quit'): CliResult {
    const candidate = this.candidate();
    const problem = junosCommitCheck(candidate);
    if (problem !== null) return { output: problem };
    if (how === 'check') return { output: 'configuration check succeeds\n' };
    this.state.active = cloneJunosConfig(candidate);
    this.state.lastCommitAt = new Date();
    this.state.lastCommitBy = this.env.username;
    if (this.database === 'shared') this.state.shared = null;
    else this.privateCandidate = cloneJunosConfig(this.state.active);
    if (how === 'commit') return { output: 'commit complete\n' };
    this.leave();
    return { output: 'commit complete\nExiting configuration mode\n' };
  }

  rollback(n: number): CliResult {
    if (n !== 0) return { output: `error: rollback ${n}: configuration file not found\n` };
    if (this.database === 'private') this.privateCandidate = cloneJunosConfig(this.state.active);
    else this.state.shared = null;
    return { output: 'load complete\n' };
  }

  exitConfiguration(): CliResult {
    if (!this.differs(this.candidate())) return this.leave();
    return {
      output: 'The configuration has been changed but not committed\n',
      ask: {
        prompt: 'Exit with uncommitted changes? [yes,no] (yes) ',
        secret: false,
        answer: (reply) => (['', 'y', 'yes'].includes(reply.trim().toLowerCase()) ? this.leave() : NO_OUTPUT),
      },
    };
  }

  private leave(): CliResult {
    this.mode = 'operational';
    this.privateCandidate = null; // a private candidate dies with the mode; the shared one stays
    return { output: 'Exiting configuration mode\n' };
  }

  private differs(config: JunosConfig): boolean {
    const o: JunosTextOptions = { username: '', password: '', clearTextSecrets: false, lastCommit: null };
    return renderSetCommands(config, o) !== renderSetCommands(this.state.active, o);
  }

  private dispatch(line: string, mode: JunosMode, offset: number): CliResult {
    const tree = mode === 'configuration' ? JUNOS_CONFIG_COMMANDS : JUNOS_OPERATIONAL_COMMANDS;
    const match: MatchResult<JunosCliContext> = matchCommand<JunosCliContext>(tree, line, this);
    switch (match.kind) {
      case 'empty':
        return NO_OUTPUT;
      case 'matched':
        return match.run(this, match.args);
      case 'incomplete':
        return { output: `${this.caret(offset + line.trimEnd().length + 1)}${match.argument ? 'missing argument.' : 'syntax error, expecting <command>.'}\n` };
      case 'ambiguous': {
        const word = match.input.split(/\s+/).at(-1) ?? '';
        return { output: `${this.caret(offset + match.input.length - word.length)}'${word}' is ambiguous.\n` };
      }
      case 'invalid': {
        const why = mode === 'configuration' || offset > 0 ? 'syntax error.' : match.token === 0 ? 'unknown command.' : 'syntax error, expecting <command>.';
        return { output: `${this.caret(offset + match.offset)}${why}\n` };
      }
    }
  }

  /** The caret line under column `column` of the input (the prompt counted). */
  private caret(column: number): string {
    const promptWidth = (this.prompt().split('\n').at(-1) ?? '').length;
    return `${' '.repeat(promptWidth + column)}^\n`;
  }
}
