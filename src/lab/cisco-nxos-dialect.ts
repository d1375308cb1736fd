import type { IosDialect } from './ios-dialect.ts';
import type { InterfaceNaming } from './ios-interface-name.ts';
import { renderNxosInterfaceConfig, renderNxosRunningConfig } from './nxos-running-config.ts';
import { showNxosIpInterfaceBrief, showNxosVersion } from './nxos-show-output.ts';

/** A Nexus 9000v: four front ports, mgmt0, lower-case loopbacks. */
const NXOS_INTERFACES: InterfaceNaming = {
  kinds: [
    { name: 'mgmt', short: 'mgmt', role: 'management', ids: ['0'] },
    { name: 'Ethernet', short: 'Eth', role: 'physical', ids: ['1/1', '1/2', '1/3', '1/4'] },
    { name: 'loopback', short: 'Lo', role: 'loopback' },
    { name: 'Vlan', short: 'Vlan', role: 'vlan' },
  ],
};

const caret = (column: number): string => `${' '.repeat(column)}^\n`;

/** Cisco NX-OS 9.3: privileged at login, no enable, `% Invalid command at '^' marker.`. */
export const CISCO_NXOS_DIALECT: IosDialect = {
  platform: 'cisco_nxos',
  sshIdent: 'OpenSSH_8.3',
  naming: NXOS_INTERFACES,
  loginMode: 'privileged',
  modeLabel: (mode) => mode,
  errors: {
    invalid: ({ column, parameter }) => `${caret(column)}% Invalid ${parameter ? 'parameter detected' : 'command'} at '^' marker.\n`,
    incomplete: (column) => `${caret(column)}% Incomplete command at '^' marker.\n`,
    ambiguous: (_input, column) => `${caret(column)}% Ambiguous command at '^' marker.\n`,
  },
  replies: { configure: 'Enter configuration commands, one per line. End with CNTL/Z.\n', terminalLength: () => '', terminalWidth: () => '' },
  addressForms: 'both',
  showVersion: showNxosVersion,
  showIpInterfaceBrief: showNxosIpInterfaceBrief,
  runningConfig: renderNxosRunningConfig,
  interfaceConfig: renderNxosInterfaceConfig,
  vlanNotFound: (id) => `VLAN ${id} not found in current VLAN database\n`,
  save: (state) => {
    state.savedAt = new Date();
    return { output: '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n' };
  },
};
