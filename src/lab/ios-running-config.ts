import { createHash } from 'node:crypto';
import type { IosInterface, IosState } from './ios-state.ts';
import { sortedInterfaces } from './ios-state.ts';
import { iosTimestamp } from './ios-time.ts';

export interface RunningConfigOptions {
  username: string;
  password: string;
  enableSecret: string;
  /** Show `password 0 <clear>` lines instead of hashed secrets (the echoSecrets fault). */
  clearTextSecrets: boolean;
  /** Pad the config with an access list to about this many megabytes (the hugeConfig fault). */
  hugeMegabytes: number;
}

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
    lines.push(opts.clearTextSecrets ? `enable password ${opts.enableSecret}` : `enable secret 5 ${md5CryptLike(opts.enableSecret)}`);
  }
  lines.push('!', 'no aaa new-model', '!', 'ip domain name lab.netops.local', 'ip cef', 'no ipv6 cef', '!');
  lines.push(
    opts.clearTextSecrets
      ? `username ${opts.username} privilege 15 password 0 ${opts.password}`
      : `username ${opts.username} privilege 15 secret 5 ${md5CryptLike(opts.password)}`,
    '!',
  );
  for (const vlan of [...state.vlans.values()].sort((a, b) => a.id - b.id)) {
    if (vlan.id === 1) continue;
    lines.push(`vlan ${vlan.id}`, ` name ${vlan.name}`, '!');
  }
  for (const intf of sortedInterfaces(state)) lines.push(...interfaceLines(intf), '!');
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
export function renderInterfaceConfig(intf: IosInterface): string {
  return withHeader(['!', ...interfaceLines(intf), 'end'].join('\n'));
}

/** "Building configuration..." + "Current configuration : N bytes" + body. */
function withHeader(body: string): string {
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(body) + 1} bytes\n${body}\n`;
}

function interfaceLines(intf: IosInterface): string[] {
  const out = [`interface ${intf.name}`];
  if (intf.description !== null) out.push(` description ${intf.description}`);
  out.push(intf.ipv4 === null ? ' no ip address' : ` ip address ${intf.ipv4.address} ${intf.ipv4.mask}`);
  if (intf.shutdown) out.push(' shutdown');
  if (intf.name.startsWith('GigabitEthernet')) out.push(' duplex auto', ' speed auto', ' media-type rj45');
  return out;
}

/** Generated per request (never kept in memory), until the list alone reaches the size asked for. */
function hugeAccessList(megabytes: number): string[] {
  const lines = ['ip access-list extended LAB-HUGE-ACL'];
  const target = megabytes * 1024 * 1024;
  for (let i = 0, size = 0; size < target; i++) {
    const line = ` ${(i + 1) * 10} permit tcp host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} any eq ${1024 + (i % 60000)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

/** Deterministic `$1$salt$hash`-looking text: never the secret itself. */
function md5CryptLike(secret: string): string {
  const digest = createHash('sha256').update(`lab:${secret}`).digest('base64').replace(/[+/=]/g, '');
  return `$1$${digest.slice(0, 4)}$${digest.slice(4, 26)}`;
}
