import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import { CISCO_PAGER } from './cisco-pager.ts';
import { matchCommand, type CommandNode, type MatchResult } from './command-matcher.ts';
import type { IosCliContext, IosMode } from './ios-cli-context.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import { CONFIG_COMMANDS, CONFIG_IF_COMMANDS, CONFIG_VLAN_COMMANDS } from './ios-config-commands.ts';
import type { IosDialect } from './ios-dialect.ts';
import { PRIVILEGED_EXEC_COMMANDS, USER_EXEC_COMMANDS } from './ios-exec-commands.ts';
import { parseInterfaceName } from './ios-interface-name.ts';
import type { IosState } from './ios-state.ts';
import type { TerminalCli } from './terminal-cli.ts';

type Node = CommandNode<IosCliContext>;
const TREES: Readonly<Record<IosMode, Node>> = {
  user: USER_EXEC_COMMANDS,
  privileged: PRIVILEGED_EXEC_COMMANDS,
  config: CONFIG_COMMANDS,
  'config-if': CONFIG_IF_COMMANDS,
  'config-vlan': CONFIG_VLAN_COMMANDS,
};
/** Ctrl-Z as the terminal passes it on. */
export const CTRL_Z = '\x1a';

/**
 * One session's command interpreter for the IOS-like platforms (IOS, NX-OS, EOS): modes, prompt,
 * abbreviations and the dialect's error texts. No I/O.
 */
export class IosCli implements IosCliContext, TerminalCli {
  mode: IosMode;
  currentInterface: string | null = null;
  currentVlan: number | null = null;
  terminalLength = 24;
  terminalWidth = 80;
  readonly pager = CISCO_PAGER;
  readonly ctrlZEcho = '^Z';

  constructor(
    readonly state: IosState,
    readonly env: LabDeviceEnv,
    readonly dialect: IosDialect,
  ) {
    this.mode = dialect.loginMode;
  }

  get pageLength(): number {
    return this.terminalLength;
  }

  /** "lab-ios-1>", "lab-ios-1#", "lab-ios-1(config-if)#", "lab-eos-1(config-if-Et1)#". */
  prompt(): string {
    const host = this.state.hostname;
    switch (this.mode) {
      case 'user':
        return `${host}>`;
      case 'privileged':
        return `${host}#`;
      default:
        return `${host}(${this.dialect.modeLabel(this.mode, this)})#`;
    }
  }

  parseInterface(text: string): string | null {
    return parseInterfaceName(text, this.state.naming);
  }

  markChanged(): void {
    this.state.lastChangeAt = new Date();
    this.state.lastChangeBy = this.env.username;
  }

  incomplete(): CliResult {
    return { output: this.dialect.errors.incomplete(this.prompt().length) };
  }

  /** Interprets one input line in the current mode. */
  execute(line: string): CliResult {
    const promptWidth = this.prompt().length;
    if (line === CTRL_Z) {
      if (this.mode === 'user' || this.mode === 'privileged') return NO_OUTPUT;
      this.leaveConfig();
      return NO_OUTPUT;
    }
    const inConfig = this.mode !== 'user' && this.mode !== 'privileged';
    const doMatch = inConfig ? /^(\s*do\s+)(\S.*)$/i.exec(line) : null;
    if (doMatch !== null) return this.runExec(doMatch[2] ?? '', (doMatch[1] ?? '').length, promptWidth);
    let match = matchCommand<IosCliContext>(TREES[this.mode], line, this);
    if (match.kind !== 'matched' && (this.mode === 'config-if' || this.mode === 'config-vlan')) {
      // A global command typed in a sub-mode runs, leaving the sub-mode.
      const global = matchCommand<IosCliContext>(CONFIG_COMMANDS, line, this);
      if (global.kind === 'matched') {
        this.mode = 'config';
        match = global;
      }
    }
    return this.answer(match, line, promptWidth, 0);
  }

  runExec(line: string, offset: number, promptWidth = this.prompt().length): CliResult {
    const match = matchCommand<IosCliContext>(PRIVILEGED_EXEC_COMMANDS, line, this);
    // `do configure terminal` / `do exit` would change modes in ways the CLI does not allow from config mode.
    if (match.kind === 'matched' && /^\s*(conf|exit|logout|disa|ena)/i.test(line)) return NO_OUTPUT;
    return this.answer(match, line, promptWidth, offset);
  }

  private leaveConfig(): void {
    this.mode = 'privileged';
    this.currentInterface = null;
    this.currentVlan = null;
  }

  private answer(match: MatchResult<IosCliContext>, line: string, promptWidth: number, offset: number): CliResult {
    const { errors } = this.dialect;
    switch (match.kind) {
      case 'empty':
        return NO_OUTPUT;
      case 'incomplete':
        return { output: errors.incomplete(promptWidth + offset + line.trimEnd().length) };
      case 'ambiguous':
        return { output: errors.ambiguous(match.input, promptWidth + offset + match.input.lastIndexOf(' ') + 1) };
      case 'invalid':
        return { output: errors.invalid({ column: promptWidth + offset + match.offset, token: match.token, word: match.word, parameter: match.parameter }) };
      case 'matched':
        try {
          return match.run(this, match.args);
        } catch (err) {
          return { output: `% ${err instanceof Error ? err.message : String(err)}\n` };
        }
    }
  }
}
