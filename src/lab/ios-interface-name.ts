export type InterfaceRole = 'physical' | 'loopback' | 'vlan' | 'management';

/** One interface type of a platform, e.g. IOS "GigabitEthernet" (physical, ports 0/0–0/3) or "Loopback". */
export interface InterfaceKind {
  /** As the platform prints it: "GigabitEthernet", "Ethernet", NX-OS "loopback", "Vlan", "mgmt". */
  name: string;
  /** As `show vlan brief` lists ports: "Gi", "Eth", "Et", "Lo", "Vl". */
  short: string;
  role: InterfaceRole;
  /** The ids that exist (physical and management ports); other kinds take any number in range. */
  ids?: readonly string[];
}

/** A platform's interface types, in the order it lists them. */
export interface InterfaceNaming {
  readonly kinds: readonly InterfaceKind[];
}

/** The simulated IOSv chassis: four ports. */
export const IOS_INTERFACES: InterfaceNaming = {
  kinds: [
    { name: 'GigabitEthernet', short: 'Gi', role: 'physical', ids: ['0/0', '0/1', '0/2', '0/3'] },
    { name: 'Loopback', short: 'Lo', role: 'loopback' },
    { name: 'Vlan', short: 'Vl', role: 'vlan' },
  ],
};

/** Parses "gi0/1", "GigabitEthernet 0/1", "lo100", "Vlan 10" the way IOS does (unique prefix of the type). */
export function parseInterfaceName(text: string, naming: InterfaceNaming): string | null {
  const m = /^([a-z]+)\s*(\d+(?:\/\d+)?)$/i.exec(text.trim());
  if (m === null) return null;
  const word = (m[1] ?? '').toLowerCase();
  const id = m[2] ?? '';
  const exact = naming.kinds.filter((k) => k.name.toLowerCase() === word);
  const kinds = exact.length > 0 ? exact : naming.kinds.filter((k) => k.name.toLowerCase().startsWith(word));
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  if (kind === undefined) return null;
  if (kind.ids !== undefined) return kind.ids.includes(id) ? `${kind.name}${id}` : null;
  if (!/^\d+$/.test(id)) return null;
  const n = Number(id);
  if (kind.role === 'vlan' && (n < 1 || n > 4094)) return null;
  if (n > 2147483647) return null;
  return `${kind.name}${n}`;
}

export function interfaceKind(canonical: string, naming: InterfaceNaming): InterfaceKind | undefined {
  return naming.kinds.find((k) => canonical.startsWith(k.name) && /^\d/.test(canonical.slice(k.name.length)));
}

/** "Gi0/1" for "GigabitEthernet0/1" (as `show vlan brief` lists ports). */
export function shortInterfaceName(canonical: string, naming: InterfaceNaming): string {
  const kind = interfaceKind(canonical, naming);
  return kind === undefined ? canonical : kind.short + canonical.slice(kind.name.length);
}

/** In the platform's kind order, then numerically — the order `show` commands list them. */
export function compareInterfaceNames(a: string, b: string, naming: InterfaceNaming): number {
  const rank = (n: string): number => naming.kinds.findIndex((k) => k === interfaceKind(n, naming));
  const nums = (n: string): number[] => (n.match(/\d+/g) ?? []).map(Number);
  const byKind = rank(a) - rank(b);
  if (byKind !== 0) return byKind;
  const [x, y] = [nums(a), nums(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
