import type { CliResult } from './cli-result.ts';
import type { IosState } from './ios-state.ts';
import type { LabFault } from './lab-fault.ts';

export type IosMode = 'user' | 'privileged' | 'config' | 'config-if' | 'config-vlan';

/** What a session's CLI knows of the device it runs on (shared by all sessions of the device). */
export interface IosDeviceEnv {
  readonly username: string;
  readonly password: string;
  readonly enableSecret: string;
  fault(): LabFault | null;
}

/** The per-session CLI state the command handlers read and change. */
export interface IosCliContext {
  readonly state: IosState;
  readonly env: IosDeviceEnv;
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
}
