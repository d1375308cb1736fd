import { shortInterfaceName } from './ios-interface-name.ts';
import { roleOf, sortedInterfaces, type IosState } from './ios-state.ts';

/** `show version` of a Nexus 9000v running NX-OS 9.3(8). */
export function showNxosVersion(state: IosState, now: Date = new Date()): string {
  const s = Math.floor((now.getTime() - state.bootedAt.getTime()) / 1000);
  const uptime = `${Math.floor(s / 86400)} day(s), ${Math.floor(s / 3600) % 24} hour(s), ${Math.floor(s / 60) % 60} minute(s), ${s % 60} second(s)`;
  return [
    'Cisco Nexus Operating System (NX-OS) Software',
    'TAC support: http://www.cisco.com/tac',
    'Copyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.',
    '',
    'Nexus 9000v is a demo version of the Nexus Operating System',
    '',
    'Software',
    '  BIOS: version ',
    '  NXOS: version 9.3(8)',
    '  NXOS image file is: bootflash:///nxos.9.3.8.bin',
    '  NXOS compile time:  8/18/2021 12:00:00 [08/18/2021 21:03:34]',
    '',
    '',
    'Hardware',
    '  cisco Nexus9000 C9300v Chassis ',
    '  Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz with 8159268 kB of memory.',
    '  Processor Board ID 9N3KD63KWT0',
    '',
    `  Device name: ${state.hostname}`,
    '  bootflash:    4287040 kB',
    `Kernel uptime is ${uptime}`,
    '',
    'Last reset ',
    '  Reason: Unknown',
    '',
  ].join('\n');
}

/** `show ip interface brief`: the routed interfaces of VRF default, short names, NX-OS status words. */
export function showNxosIpInterfaceBrief(state: IosState): string {
  const rows = sortedInterfaces(state)
    .filter((i) => i.ipv4 !== null && roleOf(state, i.name) !== 'management')
    .map((i) => {
      const status = i.shutdown ? 'protocol-down/link-down/admin-down' : 'protocol-up/link-up/admin-up';
      return `${shortInterfaceName(i.name, state.naming).padEnd(21)}${(i.ipv4?.address ?? '').padEnd(16)}${status}       `;
    });
  return ['IP Interface Status for VRF "default"(1)', `${'Interface'.padEnd(21)}${'IP Address'.padEnd(16)}Interface Status`, ...rows, ''].join('\n');
}
