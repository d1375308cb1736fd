import type { DeviceEndpoint, SessionTimeouts } from '../../../src/core/ports/device-session.ts';
import type { LabDevice } from '../../../src/lab/index.ts';

export const TIMEOUTS: SessionTimeouts = { connectMs: 5000, commandMs: 5000, idleMs: 3000 };

/** The endpoint the runner would build for a lab device (TOFU unless a fingerprint is given). */
export function endpointOf(device: LabDevice, overrides: Partial<DeviceEndpoint> = {}): DeviceEndpoint {
  return {
    name: device.name,
    host: device.host,
    port: device.port,
    platform: device.platform,
    secrets: { username: device.username, password: device.password, enableSecret: device.enableSecret },
    hostKeyFingerprint: null,
    ...overrides,
  };
}
