import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

// Ranges a webhook must never reach unless the allow-list names them: the machine itself, private and
// internal networks, link-local (which holds the cloud metadata service 169.254.169.254) and CGNAT.
const BLOCKED: readonly [string, number, Family, string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.169.254', 32, 'ipv4', 'cloud metadata'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignment'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const RULES = BLOCKED.map(([net, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { list, family, reason };
});

/** One allow-list entry: a host name (`hooks.internal`, `*.corp.example`) or an address / CIDR. */
type AllowEntry = { kind: 'host'; host: string } | { kind: 'suffix'; suffix: string } | { kind: 'net'; list: BlockList; family: Family };

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function parseEntry(raw: string): AllowEntry | null {
  const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const [address, prefixText, extra] = entry.split('/');
  const version = isIP(address ?? '');
  if (version !== 0 && extra === undefined) {
    const family: Family = version === 4 ? 'ipv4' : 'ipv6';
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return null;
    const list = new BlockList();
    list.addSubnet(address!, prefix, family);
    return { kind: 'net', list, family };
  }
  if (prefixText !== undefined || !HOST_PATTERN.test(entry)) return null;
  return entry.startsWith('*.') ? { kind: 'suffix', suffix: entry.slice(1) } : { kind: 'host', host: entry };
}

const splitList = (text: string) => text.split(',').map((e) => e.trim()).filter((e) => e.length > 0);

/** Whether WEBHOOK_ALLOWED_HOSTS is a comma list of host names, `*.domain`s, addresses or CIDRs. */
export function isValidAllowList(text: string): boolean {
  return splitList(text).every((e) => parseEntry(e) !== null);
}

export interface AddressPolicy {
  /** Whether the allow-list names this host (then any address it resolves to may be called). */
  allowsHost(hostname: string): boolean;
  /** Why this address may not be called (e.g. "loopback"), or null when it may. */
  blockReason(address: string): string | null;
}

/** The SSRF guard's rules: refuse internal addresses unless the allow-list names the host or the network. */
export function createAddressPolicy(allowList: string): AddressPolicy {
  const entries = splitList(allowList).map((e) => parseEntry(e)).filter((e): e is AllowEntry => e !== null);
  return {
    allowsHost(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '');
      return entries.some((e) => (e.kind === 'host' && e.host === host) || (e.kind === 'suffix' && host.endsWith(e.suffix)));
    },
    blockReason(address) {
      const version = isIP(address);
      if (version === 0) return 'not an IP address';
      const family: Family = version === 4 ? 'ipv4' : 'ipv6';
      // An address embedded in IPv6 (v4-mapped is handled by BlockList; NAT64 here) is judged as IPv4.
      const nat64 = family === 'ipv6' ? embeddedNat64(address) : null;
      const [addr, fam] = nat64 ? [nat64, 'ipv4' as const] : [address, family];
      if (entries.some((e) => e.kind === 'net' && (e.list.check(addr, fam) || e.list.check(address, family)))) return null;
      return RULES.find((r) => r.list.check(addr, fam))?.reason ?? null;
    },
  };
}

/** The IPv4 address inside a NAT64 well-known-prefix address (64:ff9b::a.b.c.d), if it is one. */
function embeddedNat64(address: string): string | null {
  const probe = new BlockList();
  probe.addSubnet('64:ff9b::', 96, 'ipv6');
  if (!probe.check(address, 'ipv6')) return null;
  const groups = expandIpv6(address);
  const hi = groups[6] ?? 0;
  const lo = groups[7] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

function expandIpv6(address: string): number[] {
  let text = address;
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  return tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}
