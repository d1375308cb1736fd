import { hugeAccessList } from './huge-access-list.ts';
import { ipv4Mask } from './ipv4-mask.ts';
import { labSecretHash } from './lab-secret-hash.ts';
import { roleOf, sortedInterfaces, type IosInterface, type IosState } from './ios-state.ts';
import type { RunningConfigOptions } from './running-config-options.ts';

const HEADER = (state: IosState): string[] => ['! Command: show running-config', `! device: ${state.hostname} (vEOS-lab, EOS-4.28.3M)`, '!', '! boot system flash:/vEOS-lab.swi', '!'];

/** `show running-config` as EOS 4.28 prints it (three-space indentation, `!` between sections). */
export function renderEosRunningConfig(state: IosState, opts: RunningConfigOptions): string {
  const lines = [...HEADER(state), 'no aaa root', '!'];
  if (opts.enableSecret !== '') {
    lines.push(opts.clearTextSecrets ? `enable password 0 ${opts.enableSecret}` : `enable password sha512 ${labSecretHash('6', opts.enableSecret)}`, '!');
  }
  lines.push(
    opts.clearTextSecrets
      ? `username ${opts.username} privilege 15 role network-admin secret 0 ${opts.password}`
      : `username ${opts.username} privilege 15 role network-admin secret sha512 ${labSecretHash('6', opts.password)}`,
    '!',
    'service routing protocols model multi-agent',
    '!',
    `hostname ${state.hostname}`,
    '!',
    'spanning-tree mode mstp',
    '!',
  );
  for (const vlan of [...state.vlans.values()].sort((a, b) => a.id - b.id)) {
    if (vlan.id !== 1) lines.push(`vlan ${vlan.id}`, `   name ${vlan.name}`, '!');
  }
  for (const intf of sortedInterfaces(state)) lines.push(...interfaceLines(state, intf), '!');
  if (opts.hugeMegabytes > 0) lines.push(...hugeAccessList(opts.hugeMegabytes, '   '), '!');
  lines.push('ip routing', '!', 'end', '');
  return lines.join('\n');
}

/** `show running-config interfaces X`. */
export function renderEosInterfaceConfig(state: IosState, intf: IosInterface): string {
  return [...interfaceLines(state, intf), ''].join('\n');
}

function interfaceLines(state: IosState, intf: IosInterface): string[] {
  const role = roleOf(state, intf.name);
  const out = [`interface ${intf.name}`];
  if (intf.description !== null) out.push(`   description ${intf.description}`);
  if (intf.shutdown) out.push('   shutdown');
  if (role === 'physical' && intf.ipv4 !== null) out.push('   no switchport');
  if (intf.ipv4 !== null) out.push(`   ip address ${ipv4Mask.cidr(intf.ipv4)}`);
  return out;
}
