export type IosInterfaceKind = 'GigabitEthernet' | 'Loopback' | 'Vlan';

export interface IosInterfaceName {
  kind: IosInterfaceKind;
  /** "0/1", "100". */
  id: string;
  /** "GigabitEthernet0/1", "Loopback100". */
  canonical: string;
}

const KINDS: readonly IosInterfaceKind[] = ['GigabitEthernet', 'Loopback', 'Vlan'];
const SHORT: Readonly<Record<IosInterfaceKind, string>> = { GigabitEthernet: 'Gi', Loopback: 'Lo', Vlan: 'Vl' };
/** The simulated chassis has four ports, like IOSv. */
export const PHYSICAL_PORTS = ['0/0', '0/1', '0/2', '0/3'] as const;

/** Parses "gi0/1", "GigabitEthernet 0/1", "lo100", "Vlan 10" the way IOS does (unique prefix of the type). */
export function parseInterfaceName(text: string): IosInterfaceName | null {
  const m = /^([a-z]+)\s*(\d+(?:\/\d+)?)$/i.exec(text.trim());
  if (m === null) return null;
  const word = (m[1] ?? '').toLowerCase();
  const id = m[2] ?? '';
  const kinds = KINDS.filter((k) => k.toLowerCase().startsWith(word));
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  if (kind === undefined) return null;
  if (kind === 'GigabitEthernet') {
    if (!(PHYSICAL_PORTS as readonly string[]).includes(id)) return null;
  } else {
    if (!/^\d+$/.test(id)) return null;
    const n = Number(id);
    if (kind === 'Vlan' && (n < 1 || n > 4094)) return null;
    if (kind === 'Loopback' && n > 2147483647) return null;
  }
  return { kind, id, canonical: `${kind}${id}` };
}

/** "Gi0/1" for "GigabitEthernet0/1" (as `show vlan brief` lists ports). */
export function shortInterfaceName(canonical: string): string {
  for (const kind of KINDS) if (canonical.startsWith(kind)) return SHORT[kind] + canonical.slice(kind.length);
  return canonical;
}

/** Physical ports first, then loopbacks, then SVIs, numerically — the order IOS lists them. */
export function compareInterfaceNames(a: string, b: string): number {
  const rank = (n: string): number => KINDS.findIndex((k) => n.startsWith(k));
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
