import { NetOpsError } from '../../../core/errors/index.ts';
import type { DeviceRecord, DeviceRepository } from '../../../core/ports/device-repository.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';

/**
 * Device reads and writes the web needs beyond the DeviceRepository port (by id, delete, filter choices).
 * Kept here, on the Prisma client, until the repository grows them.
 */
type Choices = { sites: string[]; platforms: string[]; tags: string[] };

/** How long the filter choices are reused while the device count is unchanged (an edit's new site or tag shows after this). */
export const CHOICES_TTL_MS = 15_000;

export class WebDeviceStore {
  private cachedChoices: { at: number; count: number; value: Choices } | null = null;

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
    this.forgetChoices();
    return device;
  }

  /**
   * Distinct values for the filter drop-downs, grouped by the database (Prisma's `distinct` would fetch
   * every device and dedupe in memory: ~40 ms at 10,000 devices). Tags are JSON text: the distinct tag
   * sets are few, and are split here. Reused for CHOICES_TTL_MS while the device count stays the same
   * (the grouping by tags reads every row: ~2.5 ms at 10,000 devices; the count ~0.3 ms), so an added,
   * imported or deleted device shows at once and an edited site or tag within the TTL.
   */
  async choices(): Promise<Choices> {
    const count = await this.prisma.device.count();
    const cached = this.cachedChoices;
    if (cached && cached.count === count && Date.now() - cached.at < CHOICES_TTL_MS) return cached.value;
    const value = await this.groupChoices();
    this.cachedChoices = { at: Date.now(), count, value };
    return value;
  }

  /** After a change made here: the next page groups afresh. */
  forgetChoices(): void {
    this.cachedChoices = null;
  }

  private async groupChoices(): Promise<Choices> {
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
