import type { CliResult } from './cli-result.ts';
import type { IosMode } from './ios-cli-context.ts';
import type { InterfaceNaming } from './ios-interface-name.ts';
import type { RunningConfigOptions } from './running-config-options.ts';
import type { IosInterface, IosState } from './ios-state.ts';

/** Where an input line went wrong, for the platform's error text. */
export interface InputError {
  /** Column of the caret under the bad word (the prompt counted). */
  column: number;
  /** Index of the bad word among the words typed, and the word. */
  token: number;
  word: string;
  /** The word was a value (a VLAN id out of range), not a keyword. */
  parameter: boolean;
}

/**
 * What differs between the IOS-like CLIs the lab simulates (IOS, NX-OS, EOS): prompts, error texts, show
 * and running-config output, interface names. The command trees, modes and state are shared.
 */
export interface IosDialect {
  readonly platform: 'cisco_ios' | 'cisco_nxos' | 'arista_eos';
  /** Software version the SSH server announces (after "SSH-2.0-"). */
  readonly sshIdent: string;
  readonly naming: InterfaceNaming;
  /** The mode a login lands in: IOS and EOS `>`, NX-OS `#`. */
  readonly loginMode: 'user' | 'privileged';
  /** The config sub-mode shown in the prompt: "config-if", EOS "config-if-Et1" / "config-vlan-10". */
  modeLabel(mode: IosMode, at: { currentInterface: string | null; currentVlan: number | null }): string;
  readonly errors: {
    invalid(error: InputError): string;
    incomplete(column: number): string;
    ambiguous(input: string, column: number): string;
  };
  /** What `configure terminal`, `terminal length N` and `terminal width N` print. */
  readonly replies: { configure: string; terminalLength(n: number): string; terminalWidth(n: number): string };
  /** `ip address` as A.B.C.D M.M.M.M ('mask'), A.B.C.D/N ('prefix'), or either. */
  readonly addressForms: 'mask' | 'prefix' | 'both';
  showVersion(state: IosState, now?: Date): string;
  showIpInterfaceBrief(state: IosState): string;
  runningConfig(state: IosState, opts: RunningConfigOptions): string;
  /** `show running-config interface X`. */
  interfaceConfig(state: IosState, intf: IosInterface): string;
  /** What `show vlan id N` prints for a VLAN that does not exist. */
  vlanNotFound(id: number): string;
  /** `write memory` or `copy running-config startup-config` (IOS asks for the file name first). */
  save(state: IosState, how: 'write' | 'copy'): CliResult;
}
