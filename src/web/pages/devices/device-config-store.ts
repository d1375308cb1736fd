import { NetOpsError } from '../../../core/errors/index.ts';
import type { ConfigSnapshotReader } from '../../../core/ports/config-snapshots.ts';

export const SNAPSHOTS_PER_PAGE = 25;

/** A device's stored running configs as the history page shows them, newest first. */
export class DeviceConfigStore {
  constructor(private readonly snapshots: ConfigSnapshotReader) {}

  async page(deviceId: string, page: number) {
    const { items, total } = await this.snapshots.deviceSnapshots(deviceId, { page, perPage: SNAPSHOTS_PER_PAGE });
    return { total, items: items.map((r) => ({ ...r, shortHash: r.hash.slice(0, 10) })) };
  }

  /** The newest snapshot and the newest one before it with different content (what last changed). */
  async latestChange(deviceId: string): Promise<{ latest: string | null; previous: string | null }> {
    return this.snapshots.latestChange(deviceId);
  }

  /** One snapshot of this device with its content; NOT_FOUND for another device's snapshot. */
  async content(deviceId: string, snapshotId: string, field: string) {
    const row = await this.snapshots.deviceSnapshot(deviceId, snapshotId);
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such config snapshot for this device.', { field });
    return row;
  }
}
