import { hugeAccessList } from './huge-access-list.ts';
import { labSecretHash } from './lab-secret-hash.ts';
import { roleOf, sortedInterfaces, type IosInterface, type IosState } from './ios-state.ts';
import { ctimeTimestamp } from './ios-time.ts';
import { ipv4Mask } from './ipv4-mask.ts';
import type { RunningConfigOptions } from './running-config-options.ts';

/** The NX-OS header: the command, when the config last changed, and now (all noise for diffs). */
function header(command: string, state: IosState): string[] {
  return ['', `!Command: ${command}`, `!Running configuration last done at: ${ctimeTimestamp(state.lastChangeAt)}`, `!Time: ${ctimeTimestamp(new Date())}`, '', 'version 9.3(8) Bios:version  '];
}

/** `show running-config` as NX-OS 9.3 prints it (two-space indentation, prefix-length addresses). */
export function renderNxosRunningConfig(state: IosState, opts: RunningConfigOptions): string {
  const lines = [...header('show running-config', state), `hostname ${state.hostname}`, `vdc ${state.hostname} id 1`, '  limit-resource vlan minimum 16 maximum 4094'];
  lines.push('feature interface-vlan', '', 'no password strength-check');
  lines.push(
    opts.clearTextSecrets
      ? `username ${opts.username} password 0 ${opts.password}  role network-admin`
      : `username ${opts.username} password 5 ${labSecretHash('5', opts.password)}  role network-admin`,
  );
  lines.push('ip domain-lookup', 'copp profile strict');
  const vlans = [...state.vlans.values()].sort((a, b) => a.id - b.id);
  lines.push(`vlan ${vlans.map((v) => v.id).join(',')}`);
  for (const vlan of vlans) if (vlan.id !== 1) lines.push(`vlan ${vlan.id}`, `  name ${vlan.name}`);
  lines.push('', 'vrf context management', '');
  for (const intf of sortedInterfaces(state)) lines.push(...interfaceLines(state, intf), '');
  if (opts.hugeMegabytes > 0) lines.push(...hugeAccessList(opts.hugeMegabytes, '  '), '');
  lines.push('line console', 'line vty', 'boot nxos bootflash:/nxos.9.3.8.bin ', '');
  return lines.join('\n');
}

/** `show running-config interface X`. */
export function renderNxosInterfaceConfig(state: IosState, intf: IosInterface): string {
  return [...header(`show running-config interface ${intf.name}`, state), '', ...interfaceLines(state, intf), ''].join('\n');
}

function interfaceLines(state: IosState, intf: IosInterface): string[] {
  const role = roleOf(state, intf.name);
  const out = [`interface ${intf.name}`];
  if (intf.description !== null) out.push(`  description ${intf.description}`);
  if (role === 'management') out.push('  vrf member management');
  if (role === 'physical' && intf.ipv4 !== null) out.push('  no switchport');
  if (intf.ipv4 !== null) out.push(`  ip address ${ipv4Mask.cidr(intf.ipv4)}`);
  if (role === 'physical' || role === 'vlan') out.push(intf.shutdown ? '  shutdown' : '  no shutdown');
  else if (intf.shutdown) out.push('  shutdown');
  return out;
}
