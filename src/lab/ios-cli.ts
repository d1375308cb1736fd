import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import { matchCommand, type CommandNode, type MatchResult } from './command-matcher.ts';
import type { IosCliContext, IosDeviceEnv, IosMode } from './ios-cli-context.ts';
import { CONFIG_COMMANDS, CONFIG_IF_COMMANDS, CONFIG_VLAN_COMMANDS } from './ios-config-commands.ts';
import { PRIVILEGED_EXEC_COMMANDS, USER_EXEC_COMMANDS } from './ios-exec-commands.ts';
import type { IosState } from './ios-state.ts';

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

/** One session's IOS command interpreter: modes, prompt, abbreviations and IOS error texts. No I/O. */
export class IosCli implements IosCliContext {
  mode: IosMode = 'user';
  currentInterface: string | null = null;
  currentVlan: number | null = null;
  terminalLength = 24;
  terminalWidth = 80;

  constructor(
    readonly state: IosState,
    readonly env: IosDeviceEnv,
  ) {}

  /** "lab-ios-1>", "lab-ios-1#", "lab-ios-1(config-if)#". */
  prompt(): string {
    const host = this.state.hostname;
    switch (this.mode) {
      case 'user':
        return `${host}>`;
      case 'privileged':
        return `${host}#`;
      default:
        return `${host}(${this.mode})#`;
    }
  }

  markChanged(): void {
    this.state.lastChangeAt = new Date();
    this.state.lastChangeBy = this.env.username;
  }

  /** Interprets one input line in the current mode. */
  execute(line: string): CliResult {
    const promptWidth = this.prompt().length;
    if (line === CTRL_Z) {
      if (this.mode === 'user' || this.mode === 'privileged') return NO_OUTPUT;
      this.mode = 'privileged';
      this.currentInterface = null;
      this.currentVlan = null;
      return NO_OUTPUT;
    }
    const inConfig = this.mode !== 'user' && this.mode !== 'privileged';
    const doMatch = inConfig ? /^(\s*do\s+)(\S.*)$/i.exec(line) : null;
    if (doMatch !== null) return this.runExec(doMatch[2] ?? '', (doMatch[1] ?? '').length, promptWidth);
    let match = matchCommand<IosCliContext>(TREES[this.mode], line, this);
    if (match.kind !== 'matched' && (this.mode === 'config-if' || this.mode === 'config-vlan')) {
      // IOS runs a global command typed in a sub-mode, leaving the sub-mode.
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
    // `do configure terminal` / `do exit` would change modes in ways IOS does not allow from config mode.
    if (match.kind === 'matched' && /^\s*(conf|exit|logout|disa|ena)/i.test(line)) return NO_OUTPUT;
    return this.answer(match, line, promptWidth, offset);
  }

  private answer(match: MatchResult<IosCliContext>, line: string, promptWidth: number, offset: number): CliResult {
    switch (match.kind) {
      case 'empty':
        return NO_OUTPUT;
      case 'incomplete':
        return { output: '% Incomplete command.\n\n' };
      case 'ambiguous':
        return { output: `% Ambiguous command:  "${match.input}"\n` };
      case 'invalid':
        return { output: `${' '.repeat(promptWidth + offset + match.offset)}^\n% Invalid input detected at '^' marker.\n\n` };
      case 'matched':
        try {
          return match.run(this, match.args);
        } catch (err) {
          return { output: `% ${err instanceof Error ? err.message : String(err)}\n` };
        }
    }
  }
}
