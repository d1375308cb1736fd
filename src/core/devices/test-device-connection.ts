import { performance } from 'node:perf_hooks';
import { asNetOpsError, type ErrorCode } from '../errors/index.ts';
import type { DeviceRepository } from '../ports/device-repository.ts';
import type { DeviceConnector, SessionTimeouts } from '../ports/device-session.ts';

/** What a connection test needs: the device's endpoint, the connector, and where to record what it saw. */
export interface ConnectionTestDeps {
  devices: Pick<DeviceRepository, 'endpoint' | 'pinHostKey' | 'markSeen'>;
  connector: DeviceConnector;
  timeouts: SessionTimeouts;
  strictHostKeys: boolean;
}

export type ConnectionTestResult =
  | { ok: true; latencyMs: number; hostKeyFingerprint: string; hostKeyPinned: boolean }
  | { ok: false; latencyMs: number; code: ErrorCode; message: string };

/**
 * Connects like a run would (host key check, login, privilege, terminal preparation) and closes again.
 * Pins an unknown host key and records online/offline exactly as the runner does, so a test and a run agree.
 * Never throws for a device problem: the result carries the error code (CONNECT_REFUSED, AUTH_FAILED...).
 */
export async function testDeviceConnection(deps: ConnectionTestDeps, deviceId: string): Promise<ConnectionTestResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const endpoint = await deps.devices.endpoint(deviceId);
    const session = await deps.connector.connect(endpoint, deps.timeouts, { strictHostKeys: deps.strictHostKeys });
    const latencyMs = elapsed();
    try {
      if (session.hostKeyWasUnknown) await deps.devices.pinHostKey(deviceId, session.hostKeyFingerprint);
      await deps.devices.markSeen(deviceId, 'online');
    } finally {
      await session.close().catch(() => undefined);
    }
    return { ok: true, latencyMs, hostKeyFingerprint: session.hostKeyFingerprint, hostKeyPinned: session.hostKeyWasUnknown };
  } catch (err) {
    const e = asNetOpsError(err);
    const latencyMs = elapsed();
    if (e.code !== 'CREDENTIAL_NOT_FOUND' && e.code !== 'DEVICE_NOT_FOUND') await deps.devices.markSeen(deviceId, 'offline').catch(() => undefined);
    return { ok: false, latencyMs, code: e.code, message: e.message };
  }
}
