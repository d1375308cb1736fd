import type { CliResult } from './cli-result.ts';
import type { MatchContext } from './command-matcher.ts';
import type { IosDialect } from './ios-dialect.ts';
import type { IosState } from './ios-state.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';

export type IosMode = 'user' | 'privileged' | 'config' | 'config-if' | 'config-vlan';

/** The per-session CLI state the command handlers read and change. */
export interface IosCliContext extends MatchContext {
  readonly state: IosState;
  readonly env: LabDeviceEnv;
  readonly dialect: IosDialect;
  mode: IosMode;
  /** Canonical interface name while in config-if. */
  currentInterface: string | null;
  /** VLAN id while in config-vlan. */
  currentVlan: number | null;
  /** 0 = no paging. */
  terminalLength: number;
  terminalWidth: number;
  /** Records a configuration change (for "! Last configuration change at"). */
  markChanged(): void;
  /** Runs a privileged exec command from config mode (`do …`); `offset` is where it starts in the line. */
  runExec(line: string, offset: number): CliResult;
  /** The platform's "% Incomplete command" answer, for handlers that find the input short. */
  incomplete(): CliResult;
}
