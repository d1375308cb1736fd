import type { ServerChannel } from 'ssh2';
import { ARISTA_EOS_DIALECT } from './arista-eos-dialect.ts';
import { CISCO_IOS_DIALECT } from './cisco-ios-dialect.ts';
import { CISCO_NXOS_DIALECT } from './cisco-nxos-dialect.ts';
import { IosCli } from './ios-cli.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import type { IosDialect } from './ios-dialect.ts';
import { createIosState, type IosState } from './ios-state.ts';
import { JunosCli } from './junos-cli.ts';
import { createJunosState, type JunosState } from './junos-state.ts';
import type { LabPlatform } from './lab-platform.ts';
import { serveLinuxExec, type ExecHooks } from './linux-exec.ts';
import { LinuxShellCli } from './linux-shell-cli.ts';
import { createLinuxState, type LinuxState } from './linux-state.ts';
import type { TerminalCli } from './terminal-cli.ts';

/** The device's state, by platform family. */
export type LabPlatformState = { family: 'ios'; ios: IosState } | { family: 'junos'; junos: JunosState } | { family: 'linux'; linux: LinuxState };

/** How one simulated device behaves: what its shell runs, whether it takes exec requests, its state. */
export interface LabBehaviour {
  readonly platform: LabPlatform;
  /** Software version the SSH server announces (after "SSH-2.0-"). */
  readonly sshIdent: string;
  /** For the default banner: "Cisco IOS", "Junos". */
  readonly label: string;
  readonly state: LabPlatformState;
  hostname(): string;
  /** The interpreter of a new interactive session. */
  shell(env: LabDeviceEnv): TerminalCli;
  /** Serves an exec request; absent where the platform is driven through its shell only. */
  readonly exec?: (channel: ServerChannel, command: string, env: LabDeviceEnv, hooks: ExecHooks) => void;
}

const DIALECTS: Readonly<Record<'cisco_ios' | 'cisco_nxos' | 'arista_eos', { dialect: IosDialect; label: string }>> = {
  cisco_ios: { dialect: CISCO_IOS_DIALECT, label: 'Cisco IOS' },
  cisco_nxos: { dialect: CISCO_NXOS_DIALECT, label: 'Cisco NX-OS' },
  arista_eos: { dialect: ARISTA_EOS_DIALECT, label: 'Arista EOS' },
};

/** A fresh device of `platform` named `name`; `index` (1-based, fleet-wide) seeds its addresses. */
export function createLabBehaviour(platform: LabPlatform, name: string, index: number): LabBehaviour {
  if (platform === 'juniper_junos') {
    const junos = createJunosState(name, index);
    return { platform, sshIdent: 'OpenSSH_7.5', label: 'Junos', state: { family: 'junos', junos }, hostname: () => junos.active.hostName, shell: (env) => new JunosCli(junos, env) };
  }
  if (platform === 'linux') {
    const linux = createLinuxState(name, index);
    return {
      platform,
      sshIdent: 'OpenSSH_9.2p1 Debian-2+deb12u3',
      label: 'Linux',
      state: { family: 'linux', linux },
      hostname: () => linux.hostname,
      shell: (env) => new LinuxShellCli(linux, env),
      exec: (channel, command, env, hooks) => serveLinuxExec(channel, command, linux, env, hooks),
    };
  }
  const { dialect, label } = DIALECTS[platform];
  const ios = createIosState(name, index, dialect.naming);
  return { platform, sshIdent: dialect.sshIdent, label, state: { family: 'ios', ios }, hostname: () => ios.hostname, shell: (env) => new IosCli(ios, env, dialect) };
}
