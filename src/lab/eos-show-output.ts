import { ipv4Mask } from './ipv4-mask.ts';
import { macFor, sortedInterfaces, type IosState } from './ios-state.ts';

/** `show version` of a vEOS-lab 4.28.3M. */
export function showEosVersion(state: IosState, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - state.bootedAt.getTime()) / 60_000);
  const mac = [...state.interfaces.values()][0]?.mac ?? macFor(0, 0);
  return [
    'Arista vEOS-lab',
    'Hardware version: ',
    'Serial number: 5D4E1F0A2B3C',
    `Hardware MAC address: ${mac}`,
    `System MAC address: ${mac}`,
    '',
    'Software image version: 4.28.3M',
    'Architecture: x86_64',
    'Internal build version: 4.28.3M-28837868.4283M',
    'Internal build ID: 1f3a8c9e-5c4e-4a6d-9b7e-2d5c1f0e3a4b',
    'Image format version: 1.0',
    'Image optimization: None',
    '',
    `Uptime: ${Math.floor(minutes / 60)} hours and ${minutes % 60} minutes`,
    'Total memory: 3993424 kB',
    'Free memory: 2612444 kB',
    '',
  ].join('\n');
}

/** `show ip interface brief` of EOS: routed interfaces with prefix-length addresses and MTU. */
export function showEosIpInterfaceBrief(state: IosState): string {
  const rows = sortedInterfaces(state)
    .filter((i) => i.ipv4 !== null)
    .map((i) => {
      const [status, protocol] = i.shutdown ? ['admin down', 'down'] : ['up', 'up'];
      const mtu = i.name.startsWith('Loopback') ? '65535' : '1500';
      return `${i.name.padEnd(18)}${ipv4Mask.cidr(i.ipv4 ?? { address: '', mask: '' }).padEnd(22)}${status.padEnd(13)}${protocol.padEnd(15)}${mtu.padStart(10)}        `;
    });
  return [
    `${' '.repeat(72)}Address`,
    'Interface         IP Address            Status       Protocol           MTU    Owner  ',
    '----------------- --------------------- ------------ -------------- ---------- -------',
    ...rows,
    '',
  ].join('\n');
}
