import { hugeAccessList } from './huge-access-list.ts';
import { labSecretHash } from './lab-secret-hash.ts';
import type { IosInterface, IosState } from './ios-state.ts';
import { roleOf, sortedInterfaces } from './ios-state.ts';
import { iosTimestamp } from './ios-time.ts';
import type { RunningConfigOptions } from './running-config-options.ts';

/** `show running-config` as IOS prints it, including the noise lines diffs must ignore. */
export function renderRunningConfig(state: IosState, opts: RunningConfigOptions): string {
  const lines: string[] = ['!', `! Last configuration change at ${iosTimestamp(state.lastChangeAt)} by ${state.lastChangeBy}`];
  if (state.savedAt !== null) lines.push(`! NVRAM config last updated at ${iosTimestamp(state.savedAt)} by ${state.lastChangeBy}`);
  lines.push(
    '!',
    'version 15.9',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'no service password-encryption',
    '!',
    `hostname ${state.hostname}`,
    '!',
    'boot-start-marker',
    'boot-end-marker',
    '!',
  );
  if (opts.enableSecret !== '') {
    lines.push(opts.clearTextSecrets ? `enable password ${opts.enableSecret}` : `enable secret 5 ${labSecretHash('1', opts.enableSecret)}`);
  }
  lines.push('!', 'no aaa new-model', '!', 'ip domain name lab.netops.local', 'ip cef', 'no ipv6 cef', '!');
  lines.push(
    opts.clearTextSecrets
      ? `username ${opts.username} privilege 15 password 0 ${opts.password}`
      : `username ${opts.username} privilege 15 secret 5 ${labSecretHash('1', opts.password)}`,
    '!',
  );
  for (const vlan of [...state.vlans.values()].sort((a, b) => a.id - b.id)) {
    if (vlan.id === 1) continue;
    lines.push(`vlan ${vlan.id}`, ` name ${vlan.name}`, '!');
  }
  for (const intf of sortedInterfaces(state)) lines.push(...interfaceLines(intf, roleOf(state, intf.name) === 'physical'), '!');
  lines.push('ip forward-protocol nd', '!', 'no ip http server', 'no ip http secure-server', 'ip ssh version 2', '!');
  if (opts.hugeMegabytes > 0) lines.push(...hugeAccessList(opts.hugeMegabytes), '!');
  lines.push(
    'control-plane',
    '!',
    'line con 0',
    'line aux 0',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    '!',
    'ntp clock-period 17179869',
    'ntp server 192.0.2.123',
    'end',
  );
  return withHeader(lines.join('\n'));
}

/** `show running-config interface X`. */
export function renderInterfaceConfig(state: IosState, intf: IosInterface): string {
  return withHeader(['!', ...interfaceLines(intf, roleOf(state, intf.name) === 'physical'), 'end'].join('\n'));
}

/** "Building configuration..." + "Current configuration : N bytes" + body. */
function withHeader(body: string): string {
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(body) + 1} bytes\n${body}\n`;
}

function interfaceLines(intf: IosInterface, physical: boolean): string[] {
  const out = [`interface ${intf.name}`];
  if (intf.description !== null) out.push(` description ${intf.description}`);
  out.push(intf.ipv4 === null ? ' no ip address' : ` ip address ${intf.ipv4.address} ${intf.ipv4.mask}`);
  if (intf.shutdown) out.push(' shutdown');
  if (physical) out.push(' duplex auto', ' speed auto', ' media-type rj45');
  return out;
}
