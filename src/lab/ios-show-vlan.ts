import { shortInterfaceName } from './ios-interface-name.ts';
import type { IosState, IosVlan } from './ios-state.ts';
import { RESERVED_VLANS, roleOf, sortedInterfaces } from './ios-state.ts';

const HEADER = [
  '',
  'VLAN Name                             Status    Ports',
  '---- -------------------------------- --------- -------------------------------',
];

/** `show vlan brief`: VLAN 1 holds the switch ports (every physical port but the routed uplink). */
export function showVlanBrief(state: IosState): string {
  const ports = sortedInterfaces(state)
    .filter((i) => roleOf(state, i.name) === 'physical' && i.ipv4 === null)
    .map((i) => shortInterfaceName(i.name, state.naming));
  const rows = [...state.vlans.values()].sort((a, b) => a.id - b.id).map((v) => vlanRow(v, 'active', v.id === 1 ? ports.join(', ') : ''));
  const reserved = RESERVED_VLANS.map((v) => vlanRow(v, 'act/unsup', ''));
  return [...HEADER, ...rows, ...reserved, ''].join('\n');
}

/** `show vlan id N`; `notFound` is the platform's text for a VLAN that does not exist. */
export function showVlanId(state: IosState, id: number, notFound: string): string {
  const vlan = state.vlans.get(id) ?? RESERVED_VLANS.find((v) => v.id === id);
  if (vlan === undefined) return notFound;
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
