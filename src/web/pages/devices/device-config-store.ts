import { NetOpsError } from '../../../core/errors/index.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';

export const SNAPSHOTS_PER_PAGE = 25;

/**
 * A device's stored running configs (ConfigSnapshot → ConfigBlob, deduplicated by content hash),
 * newest first. The run repository only reads them per execution, so this reads the tables directly.
 */
export class DeviceConfigStore {
  constructor(private readonly prisma: PrismaClient) {}

  async page(deviceId: string, page: number) {
    const where = { deviceId };
    const [rows, total] = await Promise.all([
      this.prisma.configSnapshot.findMany({
        where, orderBy: { createdAt: 'desc' }, skip: (page - 1) * SNAPSHOTS_PER_PAGE, take: SNAPSHOTS_PER_PAGE,
        select: { id: true, kind: true, hash: true, createdAt: true, execution: { select: { run: { select: { number: true } } } }, blob: { select: { size: true } } },
      }),
      this.prisma.configSnapshot.count({ where }),
    ]);
    return {
      total,
      items: rows.map((r) => ({ id: r.id, kind: r.kind, hash: r.hash, shortHash: r.hash.slice(0, 10), createdAt: r.createdAt, runNumber: r.execution?.run.number ?? null, size: r.blob.size })),
    };
  }

  /** The newest snapshot and the newest one before it with different content (what last changed). */
  async latestChange(deviceId: string): Promise<{ latest: string | null; previous: string | null }> {
    const latest = await this.prisma.configSnapshot.findFirst({ where: { deviceId }, orderBy: { createdAt: 'desc' }, select: { id: true, hash: true } });
    if (!latest) return { latest: null, previous: null };
    const previous = await this.prisma.configSnapshot.findFirst({ where: { deviceId, hash: { not: latest.hash } }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    return { latest: latest.id, previous: previous?.id ?? null };
  }

  /** One snapshot of this device with its content; NOT_FOUND for another device's snapshot. */
  async content(deviceId: string, snapshotId: string, field: string) {
    const row = await this.prisma.configSnapshot.findFirst({ where: { id: snapshotId, deviceId }, select: { id: true, kind: true, createdAt: true, blob: { select: { content: true } } } });
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such config snapshot for this device.', { field });
    return { id: row.id, kind: row.kind, createdAt: row.createdAt, content: row.blob.content };
  }
}
