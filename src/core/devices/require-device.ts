import { NetOpsError } from '../errors/index.ts';
import type { DeviceRecord, DeviceRepository } from '../ports/device-repository.ts';

/** The device by id or, failing that, by name; DEVICE_NOT_FOUND naming what was asked for. */
export async function requireDevice(devices: Pick<DeviceRepository, 'findById' | 'findByName'>, idOrName: string): Promise<DeviceRecord> {
  const device = (await devices.findById(idOrName)) ?? (await devices.findByName(idOrName));
  if (!device) throw new NetOpsError('DEVICE_NOT_FOUND', `No device "${idOrName}" (by id or name).`, { field: 'id' });
  return device;
}
