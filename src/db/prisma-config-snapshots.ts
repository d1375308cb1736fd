import type { ConfigSnapshotReader, DeviceSnapshotRow, SnapshotHash } from '../core/ports/config-snapshots.ts';
import type { PrismaClient } from './prisma-client.ts';

/** ConfigSnapshot → ConfigBlob reads, selecting hashes where the content is not needed. */
export class PrismaConfigSnapshots implements ConfigSnapshotReader {
  constructor(private readonly prisma: PrismaClient) {}

  async executionSnapshotHashes(executionIds: readonly string[]): Promise<SnapshotHash[]> {
    const rows = await this.prisma.configSnapshot.findMany({
      where: { executionId: { in: [...executionIds] } }, select: { executionId: true, kind: true, hash: true }, orderBy: { createdAt: 'asc' },
    });
    return rows.filter((r): r is SnapshotHash => r.executionId !== null);
  }

  async blobContents(hashes: readonly string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const rows = await this.prisma.configBlob.findMany({ where: { hash: { in: [...hashes] } }, select: { hash: true, content: true } });
    return new Map(rows.map((b) => [b.hash, b.content]));
  }

  async deviceSnapshots(deviceId: string, page: { page: number; perPage: number }): Promise<{ items: DeviceSnapshotRow[]; total: number }> {
    const where = { deviceId };
    const [rows, total] = await Promise.all([
      this.prisma.configSnapshot.findMany({
        where, orderBy: { createdAt: 'desc' }, skip: (page.page - 1) * page.perPage, take: page.perPage,
        select: { id: true, kind: true, hash: true, createdAt: true, execution: { select: { run: { select: { number: true } } } }, blob: { select: { size: true } } },
      }),
      this.prisma.configSnapshot.count({ where }),
    ]);
    return { total, items: rows.map((r) => ({ id: r.id, kind: r.kind, hash: r.hash, createdAt: r.createdAt, runNumber: r.execution?.run.number ?? null, size: r.blob.size })) };
  }

  async latestChange(deviceId: string): Promise<{ latest: string | null; previous: string | null }> {
    const latest = await this.prisma.configSnapshot.findFirst({ where: { deviceId }, orderBy: { createdAt: 'desc' }, select: { id: true, hash: true } });
    if (!latest) return { latest: null, previous: null };
    const previous = await this.prisma.configSnapshot.findFirst({ where: { deviceId, hash: { not: latest.hash } }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    return { latest: latest.id, previous: previous?.id ?? null };
  }

  async deviceSnapshot(deviceId: string, snapshotId: string): Promise<{ id: string; kind: string; createdAt: Date; content: string } | null> {
    const row = await this.prisma.configSnapshot.findFirst({ where: { id: snapshotId, deviceId }, select: { id: true, kind: true, createdAt: true, blob: { select: { content: true } } } });
    return row ? { id: row.id, kind: row.kind, createdAt: row.createdAt, content: row.blob.content } : null;
  }
}
