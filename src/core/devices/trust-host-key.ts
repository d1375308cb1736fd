import { NetOpsError } from '../errors/index.ts';
import type { DeviceRepository } from '../ports/device-repository.ts';
import type { DeviceConnector, SessionTimeouts } from '../ports/device-session.ts';

export interface TrustHostKeyDeps {
  devices: Pick<DeviceRepository, 'endpoint' | 'replaceHostKey' | 'markSeen'>;
  connector: DeviceConnector;
  timeouts: SessionTimeouts;
}

export interface TrustHostKeyResult {
  previousFingerprint: string | null;
  fingerprint: string;
  changed: boolean;
}

/**
 * An admin re-pins a device's host key after HOST_KEY_CHANGED. Connects ignoring the pinned key (the
 * admin's decision is the trust decision), and stores the key the device presents only after a full login.
 * With `expected`, the key is stored only if it is that one (checked out of band, e.g. on the console):
 * a man in the middle cannot slip in between the admin's check and the re-pin.
 */
export async function trustHostKey(deps: TrustHostKeyDeps, deviceId: string, expected?: string): Promise<TrustHostKeyResult> {
  const endpoint = await deps.devices.endpoint(deviceId);
  const previousFingerprint = endpoint.hostKeyFingerprint;
  const session = await deps.connector.connect({ ...endpoint, hostKeyFingerprint: null }, deps.timeouts, { strictHostKeys: false });
  const fingerprint = session.hostKeyFingerprint;
  await session.close().catch(() => undefined);
  if (expected && expected !== fingerprint) {
    throw new NetOpsError('CONFLICT', `${endpoint.name} presents host key ${fingerprint}, not the expected ${expected}; nothing was changed.`, {
      field: 'fingerprint', presented: fingerprint, expected,
    });
  }
  await deps.devices.replaceHostKey(deviceId, fingerprint);
  await deps.devices.markSeen(deviceId, 'online');
  return { previousFingerprint, fingerprint, changed: previousFingerprint !== fingerprint };
}
