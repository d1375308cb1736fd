import type { PrismaClient } from '../../../db/prisma-client.ts';

export const GROUP_KEYS = ['site', 'platform', 'tag'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

const STATUSES = ['online', 'offline', 'unknown'] as const;
type Status = (typeof STATUSES)[number];

export interface DeviceGroup {
  value: string | null;
  total: number;
  counts: Record<Status, number>;
  /** The status bar's segments in a 0–100 wide SVG (no inline styles: the CSP forbids them). */
  bar: { status: Status; x: number; width: number }[];
  /** The device list filtered to this group (null: "no site" has no filter). */
  href: string | null;
}

const filterParam: Record<GroupKey, string> = { site: 'site', platform: 'platform', tag: 'tag' };

function finish(key: GroupKey, acc: Map<string | null, Record<Status, number>>): DeviceGroup[] {
  return [...acc.entries()]
    .map(([value, counts]) => {
      const total = counts.online + counts.offline + counts.unknown;
      let x = 0;
      const bar = STATUSES.filter((status) => counts[status] > 0).map((status) => {
        const width = Math.round((counts[status] / total) * 1000) / 10;
        const segment = { status, x: Math.round(x * 10) / 10, width };
        x += width;
        return segment;
      });
      return {
        value, total, counts, bar,
        href: value === null ? null : `/devices?${new URLSearchParams({ [filterParam[key]]: value })}`,
      };
    })
    .sort((a, b) => b.total - a.total || String(a.value).localeCompare(String(b.value)));
}

function bump(acc: Map<string | null, Record<Status, number>>, value: string | null, status: string, n: number): void {
  const counts = acc.get(value) ?? { online: 0, offline: 0, unknown: 0 };
  const s: Status = (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'unknown';
  counts[s] += n;
  acc.set(value, counts);
}

/**
 * Devices counted per site, platform or tag, split by status, by the database's GROUP BY. Tags live in
 * a JSON text column: the database groups by tag set and status, and the sets are split here.
 */
export async function deviceGroups(prisma: PrismaClient, key: GroupKey): Promise<DeviceGroup[]> {
  const acc = new Map<string | null, Record<Status, number>>();
  if (key === 'tag') {
    // Grouped by the whole tag set (few distinct ones), then split: no scan of every device here.
    for (const row of await prisma.device.groupBy({ by: ['tags', 'status'], _count: { _all: true } })) {
      const tags = JSON.parse(row.tags) as string[];
      if (tags.length === 0) bump(acc, null, row.status, row._count._all);
      for (const tag of new Set(tags)) bump(acc, tag, row.status, row._count._all);
    }
  } else {
    const rows = await prisma.device.groupBy({ by: [key, 'status'], _count: { _all: true } });
    for (const r of rows) bump(acc, (r as Record<string, unknown>)[key] as string | null, r.status, r._count._all);
  }
  return finish(key, acc);
}
