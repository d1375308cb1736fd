import type { CliResult } from './cli-result.ts';
import type { IosDialect } from './ios-dialect.ts';
import { IOS_INTERFACES } from './ios-interface-name.ts';
import { renderInterfaceConfig, renderRunningConfig } from './ios-running-config.ts';
import { showIpInterfaceBrief, showVersion } from './ios-show-output.ts';
import type { IosState } from './ios-state.ts';

function saved(state: IosState): CliResult {
  state.savedAt = new Date();
  return { output: 'Building configuration...\n[OK]\n' };
}

/** Cisco IOSv 15.9: user EXEC at login, `enable`, IOS error texts with a caret line. */
export const CISCO_IOS_DIALECT: IosDialect = {
  platform: 'cisco_ios',
  sshIdent: 'Cisco-1.25',
  naming: IOS_INTERFACES,
  loginMode: 'user',
  modeLabel: (mode) => mode,
  errors: {
    invalid: ({ column }) => `${' '.repeat(column)}^\n% Invalid input detected at '^' marker.\n\n`,
    incomplete: () => '% Incomplete command.\n\n',
    ambiguous: (input) => `% Ambiguous command:  "${input}"\n`,
  },
  replies: { configure: 'Enter configuration commands, one per line.  End with CNTL/Z.\n', terminalLength: () => '', terminalWidth: () => '' },
  addressForms: 'mask',
  showVersion,
  showIpInterfaceBrief,
  runningConfig: renderRunningConfig,
  interfaceConfig: renderInterfaceConfig,
  vlanNotFound: (id) => `VLAN id ${id} not found in current VLAN database\n`,
  save: (state, how) =>
    how === 'write' ? saved(state) : { output: '', ask: { prompt: 'Destination filename [startup-config]? ', secret: false, answer: () => saved(state) } },
};
