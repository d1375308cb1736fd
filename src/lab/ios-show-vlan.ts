import { shortInterfaceName } from './ios-interface-name.ts';
import type { IosState, IosVlan } from './ios-state.ts';
import { RESERVED_VLANS } from './ios-state.ts';

const HEADER = [
  '',
  'VLAN Name                             Status    Ports',
  '---- -------------------------------- --------- -------------------------------',
];

/** `show vlan brief`: VLAN 1 holds the ports not otherwise assigned (all of them in the lab). */
export function showVlanBrief(state: IosState): string {
  const ports = [...state.interfaces.keys()].filter((n) => n.startsWith('GigabitEthernet') && n !== 'GigabitEthernet0/0');
  const rows = [...state.vlans.values()].sort((a, b) => a.id - b.id).map((v) => vlanRow(v, 'active', v.id === 1 ? ports.map(shortInterfaceName).join(', ') : ''));
  const reserved = RESERVED_VLANS.map((v) => vlanRow(v, 'act/unsup', ''));
  return [...HEADER, ...rows, ...reserved, ''].join('\n');
}

/** `show vlan id N`, with IOS's own text when the VLAN does not exist. */
export function showVlanId(state: IosState, id: number): string {
  const vlan = state.vlans.get(id) ?? RESERVED_VLANS.find((v) => v.id === id);
  if (vlan === undefined) return `VLAN id ${id} not found in current VLAN database\n`;
  return [
    ...HEADER,
    vlanRow(vlan, id >= 1002 && id <= 1005 ? 'act/unsup' : 'active', ''),
    '',
    'VLAN Type  SAID       MTU   Parent RingNo BridgeNo Stp  BrdgMode Trans1 Trans2',
    '---- ----- ---------- ----- ------ ------ -------- ---- -------- ------ ------',
    `${String(id).padEnd(5)}enet  ${String(100000 + id).padEnd(11)}1500  -      -      -        -    -        0      0   `,
    '',
    'Remote SPAN VLAN',
    '----------------',
    'Disabled',
    '',
    'Primary Secondary Type              Ports',
    '------- --------- ----------------- ------------------------------------------',
    '',
  ].join('\n');
}

function vlanRow(v: IosVlan, status: string, ports: string): string {
  return `${String(v.id).padEnd(5)}${v.name.padEnd(33)}${status.padEnd(10)}${ports}`.trimEnd();
}
