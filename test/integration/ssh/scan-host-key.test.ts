import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { scanHostKey } from '../../../src/ssh/index.ts';
import { endpointOf } from './lab-endpoint.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ platforms: { cisco_ios: 3, juniper_junos: 1 } });
});
afterAll(async () => {
  await lab.close();
});

describe('scanHostKey', () => {
  it('reads the key a device presents without ever authenticating', async () => {
    const device = lab.device('lab-junos-1');
    device.rotateHostKey();
    expect(await scanHostKey(endpointOf(device), 3000)).toBe(device.hostKeyFingerprint);
    expect(device.authAttempts).toBe(0);
    expect(device.commandLog).toEqual([]);
  });

  it('goes through the jump host, whose own pinned key must still match', async () => {
    const [bastion, device] = [lab.device('lab-ios-1'), lab.device('lab-ios-2')];
    bastion.rotateHostKey();
    device.rotateHostKey();
    const jumpHost = { ...endpointOf(bastion), hostKeyFingerprint: bastion.hostKeyFingerprint };
    expect(await scanHostKey(endpointOf(device, { jumpHost }), 3000)).toBe(device.hostKeyFingerprint);
    expect(device.authAttempts).toBe(0);
    expect(bastion.authAttempts).toBeGreaterThan(0);
    await expect(scanHostKey(endpointOf(device, { jumpHost: { ...jumpHost, hostKeyFingerprint: 'SHA256:stale' } }), 3000)).rejects.toMatchObject({
      code: 'HOST_KEY_CHANGED',
      details: { device: bastion.name },
    });
  });

  it('names a closed port CONNECT_REFUSED', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(scanHostKey(endpointOf(lab.device('lab-ios-3'), { port }), 3000)).rejects.toMatchObject({ code: 'CONNECT_REFUSED' });
  });
});
