import type { DeviceInput, DeviceRecord } from '../ports/device-repository.ts';
import type { DeviceInputData, DevicePatchData } from './device-input-schema.ts';

/** The validated snake_case input (CLI, import row, API body) as the repository's input. */
export function toDeviceInput(d: DeviceInputData): DeviceInput {
  return {
    name: d.name, host: d.host, port: d.port, platform: d.platform, deviceType: d.device_type, credentialName: d.credential,
    jumpHostName: d.jump_host, site: d.site, location: d.location, vendor: d.vendor, model: d.model, description: d.description, tags: d.tags,
  };
}

/** The device as it will be after a PATCH: given fields replace, `null` clears, absent ones stay. */
export function applyDevicePatch(d: DeviceRecord, p: DevicePatchData): DeviceInput {
  const pick = <T>(given: T | null | undefined, current: T | null): T | undefined => (given === undefined ? (current ?? undefined) : (given ?? undefined));
  return {
    name: p.name ?? d.name,
    host: p.host ?? d.host,
    port: p.port ?? d.port,
    platform: p.platform ?? d.platform,
    deviceType: p.device_type ?? d.deviceType,
    credentialName: pick(p.credential, d.credentialName),
    jumpHostName: pick(p.jump_host, d.jumpHostName),
    site: pick(p.site, d.site),
    location: pick(p.location, d.location),
    vendor: pick(p.vendor, d.vendor),
    model: pick(p.model, d.model),
    description: pick(p.description, d.description),
    tags: p.tags ?? d.tags,
  };
}
