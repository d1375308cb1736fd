import { junosTimestamp } from './ios-time.ts';
import type { JunosState } from './junos-state.ts';

/** `show version` of an EX4300 on Junos 21.4R3. */
export function showJunosVersion(state: JunosState): string {
  return [
    'fpc0:',
    '--------------------------------------------------------------------------',
    `Hostname: ${state.active.hostName}`,
    'Model: ex4300-48t',
    'Junos: 21.4R3.15',
    'JUNOS OS Kernel 64-bit  [20220930.d0b4b66_builder_stable_12]',
    'JUNOS OS libs [20220930.d0b4b66_builder_stable_12]',
    'JUNOS OS runtime [20220930.d0b4b66_builder_stable_12]',
    'JUNOS EX  Software Suite [21.4R3.15]',
    'JUNOS Web Management Platform Package [21.4R3.15]',
    '',
  ].join('\n');
}

/** `show interfaces terse`: each interface, then its logical units with their inet addresses. */
export function showJunosInterfacesTerse(state: JunosState): string {
  const rows = ['Interface               Admin Link Proto    Local                 Remote'];
  for (const [name, intf] of state.active.interfaces) {
    const admin = intf.disabled ? 'down' : 'up';
    rows.push(`${name.padEnd(24)}${admin.padEnd(6)}${admin}`);
    for (const [unit, address] of intf.units) {
      rows.push(`${`${name}.${unit}`.padEnd(24)}${admin.padEnd(6)}${admin.padEnd(5)}${address === null ? '' : `inet     ${address}`}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

/** `show vlans` of an ELS switch. */
export function showJunosVlans(state: JunosState): string {
  const rows = ['', 'Routing instance        VLAN name             Tag          Interfaces'];
  const vlans = [...state.active.vlans].sort((a, b) => (a[1].id ?? 0) - (b[1].id ?? 0));
  for (const [name, vlan] of [['default', { id: 1 }] as const, ...vlans]) {
    rows.push(`${'default-switch'.padEnd(24)}${name.padEnd(22)}${String(vlan.id ?? 'NA').padEnd(13)}`, '');
  }
  return `${rows.join('\n')}\n`;
}

/** `show system uptime`. */
export function showJunosUptime(state: JunosState, now: Date = new Date()): string {
  const ago = (since: Date): string => {
    const s = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)} ago`;
  };
  return [
    `Current time: ${junosTimestamp(now)}`,
    `System booted: ${junosTimestamp(state.bootedAt)} (${ago(state.bootedAt)})`,
    `Last configured: ${junosTimestamp(state.lastCommitAt)} (${ago(state.lastCommitAt)}) by ${state.lastCommitBy}`,
    '',
  ].join('\n');
}
