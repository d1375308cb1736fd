import type { JunosConfig } from './junos-state.ts';

/** What `commit check` finds wrong with a candidate, as Junos prints it, or null when it is fine. */
export function junosCommitCheck(config: JunosConfig): string | null {
  const owners = new Map<number, string>();
  for (const [name, vlan] of config.vlans) {
    if (vlan.id === null) return `[edit vlans]\n  '${name}'\n    Missing mandatory statement: 'vlan-id'\nerror: configuration check-out failed\n`;
    const owner = owners.get(vlan.id);
    if (owner !== undefined) return `[edit vlans]\n  '${name}'\n    l2ald: Duplicate vlan-id exists for vlan ${owner}\nerror: configuration check-out failed\n`;
    owners.set(vlan.id, name);
  }
  return null;
}
