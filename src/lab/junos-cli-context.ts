import type { CliResult } from './cli-result.ts';
import type { MatchContext } from './command-matcher.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import type { JunosConfig, JunosState } from './junos-state.ts';

export type JunosMode = 'operational' | 'configuration';

/** The per-session Junos CLI state the command handlers read and change. */
export interface JunosCliContext extends MatchContext {
  readonly state: JunosState;
  readonly env: LabDeviceEnv;
  readonly mode: JunosMode;
  /** The candidate this session edits (configuration mode only). */
  candidate(): JunosConfig;
  screenLength: number;
  screenWidth: number;
  /** `show configuration` of the committed config, or `show` of the candidate; `| display set` honoured. */
  configurationText(which: 'active' | 'candidate'): string;
  enterConfiguration(database: 'shared' | 'private'): CliResult;
  commit(how: 'check' | 'commit' | 'and-quit'): CliResult;
  rollback(n: number): CliResult;
  exitConfiguration(): CliResult;
  runOperational(line: string): CliResult;
}
