import { NetOpsError } from '../../../core/errors/index.ts';
import type { DeviceRecord, DeviceRepository } from '../../../core/ports/device-repository.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';

/**
 * Device reads and writes the web needs beyond the DeviceRepository port (by id, delete, filter choices).
 * Kept here, on the Prisma client, until the repository grows them.
 */
export class WebDeviceStore {
  constructor(private readonly prisma: PrismaClient, private readonly devices: DeviceRepository) {}

  async get(id: string): Promise<DeviceRecord> {
    const row = await this.prisma.device.findUnique({ where: { id }, select: { name: true } });
    const device = row ? await this.devices.findByName(row.name) : null;
    if (!device) throw new NetOpsError('DEVICE_NOT_FOUND', 'No such device (it may have been deleted).');
    return device;
  }

  /** Deletes the device; past executions keep its name (the link becomes null), so run history stays readable. */
  async delete(id: string): Promise<DeviceRecord> {
    const device = await this.get(id);
    await this.prisma.device.delete({ where: { id } });
    return device;
  }

  /**
   * Distinct values for the filter drop-downs, grouped by the database (Prisma's `distinct` would fetch
   * every device and dedupe in memory: ~40 ms at 10,000 devices). Tags are JSON text: the distinct tag
   * sets are few, and are split here.
   */
  async choices(): Promise<{ sites: string[]; platforms: string[]; tags: string[] }> {
    const [sites, platforms, tagSets] = await Promise.all([
      this.prisma.device.groupBy({ by: ['site'], where: { site: { not: null } }, orderBy: { site: 'asc' } }),
      this.prisma.device.groupBy({ by: ['platform'], orderBy: { platform: 'asc' } }),
      this.prisma.device.groupBy({ by: ['tags'] }),
    ]);
    const tags = new Set<string>();
    for (const r of tagSets) for (const t of JSON.parse(r.tags) as string[]) tags.add(t);
    return { sites: sites.map((s) => s.site).filter((s): s is string => s !== null), platforms: platforms.map((p) => p.platform), tags: [...tags].sort() };
  }

  async credentialNames(): Promise<string[]> {
    return (await this.prisma.credential.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((c) => c.name);
  }
}
