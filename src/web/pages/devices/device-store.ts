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

  /** Distinct values for the filter drop-downs. */
  async choices(): Promise<{ sites: string[]; platforms: string[]; tags: string[] }> {
    const [sites, platforms, tagRows] = await Promise.all([
      this.prisma.device.findMany({ where: { site: { not: null } }, distinct: ['site'], select: { site: true }, orderBy: { site: 'asc' } }),
      this.prisma.device.findMany({ distinct: ['platform'], select: { platform: true }, orderBy: { platform: 'asc' } }),
      this.prisma.device.findMany({ distinct: ['tags'], select: { tags: true } }),
    ]);
    const tags = new Set<string>();
    for (const r of tagRows) for (const t of JSON.parse(r.tags) as string[]) tags.add(t);
    return { sites: sites.map((s) => s.site).filter((s): s is string => s !== null), platforms: platforms.map((p) => p.platform), tags: [...tags].sort() };
  }

  async credentialNames(): Promise<string[]> {
    return (await this.prisma.credential.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((c) => c.name);
  }
}
