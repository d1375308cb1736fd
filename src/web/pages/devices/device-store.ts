import { NetOpsError } from '../../../core/errors/index.ts';
import type { CredentialRepository } from '../../../core/ports/credential-repository.ts';
import type { DeviceFilterChoices, DeviceRecord, DeviceRepository } from '../../../core/ports/device-repository.ts';

/** How long the filter choices are reused while the device count is unchanged (an edit's new site or tag shows after this). */
export const CHOICES_TTL_MS = 15_000;

/** What the device pages need of the ports beyond single calls: the page's not-found message and cached filter choices. */
export class WebDeviceStore {
  private cachedChoices: { at: number; count: number; value: DeviceFilterChoices } | null = null;

  constructor(private readonly devices: DeviceRepository, private readonly credentials: CredentialRepository) {}

  async get(id: string): Promise<DeviceRecord> {
    const device = await this.devices.findById(id);
    if (!device) throw new NetOpsError('DEVICE_NOT_FOUND', 'No such device (it may have been deleted).');
    return device;
  }

  /** Deletes the device; past executions keep its name (the link becomes null), so run history stays readable. */
  async delete(id: string): Promise<DeviceRecord> {
    await this.get(id);
    const device = await this.devices.delete(id);
    this.forgetChoices();
    return device;
  }

  /**
   * Distinct values for the filter drop-downs (grouped by the database). Reused for CHOICES_TTL_MS while the
   * device count stays the same (the grouping by tags reads every row: ~2.5 ms at 10,000 devices; the count
   * ~0.3 ms), so an added, imported or deleted device shows at once and an edited site or tag within the TTL.
   */
  async choices(): Promise<DeviceFilterChoices> {
    const count = await this.devices.count();
    const cached = this.cachedChoices;
    if (cached && cached.count === count && Date.now() - cached.at < CHOICES_TTL_MS) return cached.value;
    const value = await this.devices.filterChoices();
    this.cachedChoices = { at: Date.now(), count, value };
    return value;
  }

  /** After a change made here: the next page groups afresh. */
  forgetChoices(): void {
    this.cachedChoices = null;
  }

  async credentialNames(): Promise<string[]> {
    return this.credentials.names();
  }
}
