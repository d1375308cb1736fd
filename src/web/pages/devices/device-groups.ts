import type { DeviceRepository } from '../../../core/ports/device-repository.ts';

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

/**
 * Devices counted per site, platform or tag, split by status, by the repository's GROUP BY (tags: grouped by
 * tag set, then split), shaped for the page: status bar segments and a filter link per group.
 */
export async function deviceGroups(devices: DeviceRepository, key: GroupKey): Promise<DeviceGroup[]> {
  const acc = new Map<string | null, Record<Status, number>>();
  for (const g of await devices.groupCounts(key)) acc.set(g.value, { ...g.statuses });
  return finish(key, acc);
}
