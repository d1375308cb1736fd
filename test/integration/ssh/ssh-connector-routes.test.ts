import { describe, expect, it } from 'vitest';
import type { DeviceEndpoint } from '../../../src/core/ports/device-session.ts';
import { startLab } from '../../../src/lab/index.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';
import { generateParsableEd25519 } from '../../helpers/ssh-key-pair.ts';

const connector = new SshConnector();

describe('SshConnector: key auth, jump hosts, legacy algorithms', () => {
  it('logs in with an encrypted private key and its passphrase', async () => {
    const pair = generateParsableEd25519({ passphrase: 'key-passphrase', cipher: 'aes256-ctr', rounds: 4 });
    const lab = await startLab({ count: 1, authMethods: ['publickey'], authorizedKeys: [pair.public] });
    try {
      const device = lab.devices[0]!;
      const keyed = { username: device.username, privateKey: pair.private, passphrase: 'key-passphrase', enableSecret: device.enableSecret };
      const session = await connector.connect(endpointOf(device, { secrets: keyed }), TIMEOUTS);
      expect((await session.run('show clock')).errorMarker).toBeNull();
      await session.close();
      await expect(connector.connect(endpointOf(device, { secrets: { ...keyed, passphrase: 'wrong-passphrase' } }), TIMEOUTS)).rejects.toMatchObject({
        code: 'AUTH_FAILED',
        retryable: false,
      });
    } finally {
      await lab.close();
    }
  });

  it('reaches a device through a jump host (another lab device forwarding to loopback)', async () => {
    const lab = await startLab({ count: 2 });
    try {
      const [bastion, device] = lab.devices as [typeof lab.devices[0], typeof lab.devices[0]];
      bastion.rotateHostKey(); // a key of its own, so the two pins differ
      const jumpHost = { ...endpointOf(bastion), hostKeyFingerprint: bastion.hostKeyFingerprint };
      const session = await connector.connect(endpointOf(device, { jumpHost }), TIMEOUTS);
      expect(session.hostKeyFingerprint).toBe(device.hostKeyFingerprint);
      expect(session.jumpHostKey).toEqual({ fingerprint: bastion.hostKeyFingerprint, wasUnknown: false });
      expect((await session.run('show version')).output).toContain('Cisco IOS Software');
      expect(device.commandLog).toContain('show version');
      expect(bastion.commandLog).toEqual([]); // the bastion only forwarded
      await session.close();

      // A changed bastion key stops everything before the device is even contacted.
      const before = device.authAttempts;
      await expect(
        connector.connect(endpointOf(device, { jumpHost: { ...jumpHost, hostKeyFingerprint: device.hostKeyFingerprint } }), TIMEOUTS),
      ).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED', details: { device: bastion.name } });
      expect(device.authAttempts).toBe(before);

      // The bastion cannot reach a closed port: CONNECT_REFUSED naming the jump host.
      await expect(connector.connect(endpointOf(device, { port: 1, jumpHost }), TIMEOUTS)).rejects.toMatchObject({
        code: 'CONNECT_REFUSED',
        message: expect.stringContaining(bastion.name),
      });
    } finally {
      await lab.close();
    }
  });

  it('needs allowLegacyAlgorithms for a device that only speaks old algorithms', async () => {
    const lab = await startLab({ count: 1, legacyAlgorithmsOnly: true });
    try {
      const device = lab.devices[0]!;
      await expect(connector.connect(endpointOf(device), TIMEOUTS)).rejects.toMatchObject({ code: 'SSH_NEGOTIATION_FAILED', retryable: false });
      const session = await connector.connect(endpointOf(device, { allowLegacyAlgorithms: true }), TIMEOUTS);
      expect(session.hostKeyFingerprint).toBe(device.hostKeyFingerprint);
      expect((await session.run('show clock')).errorMarker).toBeNull();
      await session.close();
    } finally {
      await lab.close();
    }
  });

  it('refuses platforms without a driver before connecting', async () => {
    const lab = await startLab({ count: 1 });
    try {
      const device = lab.devices[0]!;
      // A platform name stored in the database that no driver knows (the type only lists supported ones).
      const unknown = 'mikrotik_routeros' as unknown as DeviceEndpoint['platform'];
      await expect(connector.connect(endpointOf(device, { platform: unknown }), TIMEOUTS)).rejects.toMatchObject({ code: 'PLATFORM_NOT_SUPPORTED' });
      expect(device.authAttempts).toBe(0);
    } finally {
      await lab.close();
    }
  });
});
