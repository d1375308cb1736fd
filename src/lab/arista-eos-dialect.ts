import { renderEosInterfaceConfig, renderEosRunningConfig } from './eos-running-config.ts';
import { showEosIpInterfaceBrief, showEosVersion } from './eos-show-output.ts';
import type { IosDialect } from './ios-dialect.ts';
import { shortInterfaceName, type InterfaceNaming } from './ios-interface-name.ts';

/** A vEOS-lab: Ethernet1–4, Management1. */
const EOS_INTERFACES: InterfaceNaming = {
  kinds: [
    { name: 'Ethernet', short: 'Et', role: 'physical', ids: ['1', '2', '3', '4'] },
    { name: 'Loopback', short: 'Lo', role: 'loopback' },
    { name: 'Management', short: 'Ma', role: 'management', ids: ['1'] },
    { name: 'Vlan', short: 'Vl', role: 'vlan' },
  ],
};

const saved = 'Copy completed successfully.\n';

/** Arista EOS 4.28: `>` at login, `enable`, sub-mode prompts naming the object, terse error texts. */
export const ARISTA_EOS_DIALECT: IosDialect = {
  platform: 'arista_eos',
  sshIdent: 'OpenSSH_8.7',
  naming: EOS_INTERFACES,
  loginMode: 'user',
  modeLabel: (mode, at) => {
    if (mode === 'config-if') return `config-if-${shortInterfaceName(at.currentInterface ?? '', EOS_INTERFACES)}`;
    if (mode === 'config-vlan') return `config-vlan-${at.currentVlan ?? ''}`;
    return mode;
  },
  errors: {
    invalid: ({ token, word }) => `% Invalid input (at token ${token}: '${word}')\n`,
    incomplete: () => '% Incomplete command\n',
    ambiguous: () => '% Ambiguous command\n',
  },
  replies: {
    configure: '',
    terminalLength: (n) => (n === 0 ? 'Pagination disabled.\n' : `Pagination set to ${n} lines.\n`),
    terminalWidth: (n) => `Width set to ${n} columns.\n`,
  },
  addressForms: 'both',
  showVersion: showEosVersion,
  showIpInterfaceBrief: showEosIpInterfaceBrief,
  runningConfig: renderEosRunningConfig,
  interfaceConfig: renderEosInterfaceConfig,
  vlanNotFound: (id) => `% VLAN ${id} not found in current VLAN database\n`,
  save: (state) => {
    state.savedAt = new Date();
    return { output: saved };
  },
};
