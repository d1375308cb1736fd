import { createServer } from 'node:net';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { startLab } from '../../../src/lab/index.ts';
import { fingerprintHostKey } from '../../../src/ssh/index.ts';
import { openRawShell } from './raw-shell.ts';

/** A free block of ports, found by letting the OS pick one and hoping the next few are free too. */
async function freePortBlock(size: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const free = await Promise.all(
      Array.from({ length: size }, (_, i) => new Promise<boolean>((resolve) => {
        const s = createServer();
        s.once('error', () => resolve(false));
        s.listen(base + i, '127.0.0.1', () => s.close(() => resolve(true)));
      })),
    );
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port block');
}

/** The fingerprint a plain ssh2 client sees. */
function presentedFingerprint(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', (err) => (err.message.includes('verification failed') ? undefined : reject(err)));
    client.connect({
      host,
      port,
      username: 'nobody',
      hostVerifier: (key: Buffer) => {
        resolve(fingerprintHostKey(key));
        return false;
      },
    });
  });
}

describe('lab fleet', () => {
  it('names devices lab-ios-1..N on consecutive ports from basePort, sharing one host key', async () => {
    const basePort = await freePortBlock(3);
    const lab = await startLab({ count: 3, basePort });
    try {
      expect(lab.devices.map((d) => [d.name, d.port])).toEqual([
        ['lab-ios-1', basePort],
        ['lab-ios-2', basePort + 1],
        ['lab-ios-3', basePort + 2],
      ]);
      expect(lab.device('lab-ios-2')).toBe(lab.devices[1]);
      expect(() => lab.device('nope')).toThrow(expect.objectContaining({ code: 'DEVICE_NOT_FOUND' }));
      const fingerprints = new Set(lab.devices.map((d) => d.hostKeyFingerprint));
      expect(fingerprints.size).toBe(1);
      expect([...fingerprints][0]).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(await presentedFingerprint('127.0.0.1', basePort)).toBe(lab.devices[0]!.hostKeyFingerprint);
    } finally {
      await lab.close();
    }
  });

  it('rotates one device host key without touching the others', async () => {
    const lab = await startLab({ count: 2 });
    try {
      const [a, b] = lab.devices as [typeof lab.devices[0], typeof lab.devices[0]];
      const before = a.hostKeyFingerprint;
      a.rotateHostKey();
      expect(a.hostKeyFingerprint).not.toBe(before);
      expect(b.hostKeyFingerprint).toBe(before);
      expect(await presentedFingerprint(a.host, a.port)).toBe(a.hostKeyFingerprint);
      expect(await presentedFingerprint(b.host, b.port)).toBe(before);
    } finally {
      await lab.close();
    }
  });

  it('uses a custom prefix, credentials and banner', async () => {
    const lab = await startLab({ count: 1, namePrefix: 'edge-', username: 'ops', password: 'pw-123456', enableSecret: '', banner: 'KEEP OUT' });
    try {
      const device = lab.device('edge-1');
      const shell = await openRawShell(device);
      expect(await shell.until(/>$/)).toContain('KEEP OUT');
      shell.send('enable\n'); // no enable secret configured: straight to #
      await shell.until(/edge-1#$/);
      await shell.close();
    } finally {
      await lab.close();
    }
  });

  it('refuses a busy basePort and cleans up what it started', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startLab({ count: 1, basePort: port })).rejects.toThrow(/could not listen/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('forwards direct-tcpip (jump host use) to loopback ports only', async () => {
    const lab = await startLab({ count: 2 });
    const [bastion, target] = lab.devices as [typeof lab.devices[0], typeof lab.devices[0]];
    const client = new ssh2.Client();
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('ready', () => resolve()).once('error', reject);
        client.connect({ host: bastion.host, port: bastion.port, username: bastion.username, password: bastion.password, hostVerifier: () => true });
      });
      const forward = (host: string, port: number) =>
        new Promise<string>((resolve, reject) =>
          client.forwardOut('127.0.0.1', 0, host, port, (err, channel) => {
            if (err) return reject(err);
            channel.once('data', (d: Buffer) => {
              resolve(d.toString());
              channel.close();
            });
          }),
        );
      expect(await forward('127.0.0.1', target.port)).toMatch(/^SSH-2\.0-Cisco-1\.25/);
      await expect(forward('192.0.2.1', 22)).rejects.toThrow(/open failure/i);
    } finally {
      client.end();
      await lab.close();
    }
  });

  it('close() drops open sessions', async () => {
    const lab = await startLab({ count: 1 });
    const shell = await openRawShell(lab.devices[0]!);
    await shell.until(/>$/);
    await lab.close();
    await shell.closed;
  });
});
