import { ipv4Mask } from './ipv4-mask.ts';
import type { IosInterface, IosState } from './ios-state.ts';
import { roleOf, sortedInterfaces } from './ios-state.ts';
import { iosTimestamp, iosUptime } from './ios-time.ts';

/** `show version` of an IOSv 15.9 router. */
export function showVersion(state: IosState, now: Date = new Date()): string {
  const physical = [...state.interfaces.keys()].filter((n) => roleOf(state, n) === 'physical').length;
  return [
    'Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.9(3)M4, RELEASE SOFTWARE (fc3)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
    'Compiled Thu 28-Oct-21 11:38 by mcpre',
    '',
    '',
    'ROM: Bootstrap program is IOSv',
    '',
    `${state.hostname} uptime is ${iosUptime(now.getTime() - state.bootedAt.getTime())}`,
    'System returned to ROM by reload',
    `System restarted at ${iosTimestamp(state.bootedAt)}`,
    'System image file is "flash0:/vios-adventerprisek9-m"',
    'Last reload reason: Unknown reason',
    '',
    '',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    'cisco IOSv (revision 1.0) with  with 460137K/62464K bytes of memory.',
    'Processor board ID 9KQ2XWHZ7V0SDIJOWXDKP',
    `${physical} Gigabit Ethernet interfaces`,
    'DRAM configuration is 72 bits wide with parity disabled.',
    '256K bytes of non-volatile configuration memory.',
    '2097152K bytes of ATA System CompactFlash 0 (Read/Write)',
    '0K bytes of ATA CompactFlash 1 (Read/Write)',
    '0K bytes of ATA CompactFlash 2 (Read/Write)',
    '1008K bytes of ATA CompactFlash 3 (Read/Write)',
    '',
    '',
    '',
    'Configuration register is 0x0',
    '',
  ].join('\n');
}

export function showClock(now: Date = new Date()): string {
  return `*${iosTimestamp(now, true)}\n`;
}

export function showIpInterfaceBrief(state: IosState): string {
  const rows = sortedInterfaces(state).map((i) => {
    const [status, protocol] = i.shutdown ? ['administratively down', 'down'] : ['up', 'up'];
    const address = i.ipv4?.address ?? 'unassigned';
    const method = i.ipv4 === null ? 'unset ' : 'manual';
    return `${i.name.padEnd(27)}${address.padEnd(16)}YES ${method} ${status.padEnd(22)}${protocol}`;
  });
  return [`${'Interface'.padEnd(27)}${'IP-Address'.padEnd(16)}OK? Method Status                Protocol`, ...rows, ''].join('\n');
}

/** `show interfaces` for all or one interface. */
export function showInterfaces(state: IosState, only?: string): string {
  const list = sortedInterfaces(state).filter((i) => only === undefined || i.name === only);
  return list.map((i) => interfaceDetail(i, roleOf(state, i.name))).join('');
}

function interfaceDetail(i: IosInterface, role: string | undefined): string {
  const state = i.shutdown ? 'administratively down, line protocol is down' : 'up, line protocol is up';
  const loopback = role === 'loopback';
  const hardware = loopback ? '  Hardware is Loopback' : `  Hardware is ${role === 'vlan' ? 'EtherSVI' : 'iGbE'}, address is ${i.mac} (bia ${i.mac})`;
  const lines = [`${i.name} is ${state} `, hardware];
  if (i.description !== null) lines.push(`  Description: ${i.description}`);
  if (i.ipv4 !== null) lines.push(`  Internet address is ${i.ipv4.address}/${ipv4Mask.prefixLength(i.ipv4.mask)}`);
  lines.push(
    `  MTU ${loopback ? 1514 : 1500} bytes, BW ${loopback ? 8000000 : 1000000} Kbit/sec, DLY ${loopback ? 5000 : 10} usec, `,
    '     reliability 255/255, txload 1/255, rxload 1/255',
    `  Encapsulation ${loopback ? 'LOOPBACK' : 'ARPA'}, loopback not set`,
    '  Keepalive set (10 sec)',
    '  Last input 00:00:01, output 00:00:01, output hang never',
    '  Last clearing of "show interface" counters never',
    '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
    '  Queueing strategy: fifo',
    '  Output queue: 0/40 (size/max)',
    '  5 minute input rate 0 bits/sec, 0 packets/sec',
    '  5 minute output rate 0 bits/sec, 0 packets/sec',
    '     1024 packets input, 98304 bytes, 0 no buffer',
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
    '     2048 packets output, 196608 bytes, 0 underruns',
    '     0 output errors, 0 collisions, 0 interface resets',
  );
  return `${lines.join('\n')}\n`;
}
