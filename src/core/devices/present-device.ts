import type { DeviceRecord } from '../ports/device-repository.ts';

/** The device as the API and `--json` show it: never a secret, only the credential's name. */
export function presentDevice(d: DeviceRecord) {
  return {
    id: d.id,
    name: d.name,
    host: d.host,
    port: d.port,
    platform: d.platform,
    device_type: d.deviceType,
    vendor: d.vendor,
    model: d.model,
    os_version: d.osVersion,
    site: d.site,
    location: d.location,
    tags: d.tags,
    description: d.description,
    status: d.status,
    credential: d.credentialName,
    jump_host: d.jumpHostName,
    host_key_fingerprint: d.hostKeyFingerprint,
    last_seen_at: d.lastSeenAt?.toISOString() ?? null,
  };
}
