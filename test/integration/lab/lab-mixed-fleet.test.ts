import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { startLab, type LabDevice } from '../../../src/lab/index.ts';
import { openRawShell } from './raw-shell.ts';

/** The SSH version string a device announces. */
function serverIdent(device: LabDevice): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', () => undefined);
    client.on('handshake', () => undefined);
    client.connect({
      host: device.host,
      port: device.port,
      username: 'nobody',
      hostVerifier: () => false,
      debug: (line: string) => {
        const m = /Remote ident: '([^']+)'/.exec(line);
        if (m !== null) {
          resolve(m[1] ?? '');
          client.destroy();
        }
      },
    });
    setTimeout(() => reject(new Error('no ident')), 3000).unref();
  });
}

describe('a mixed lab fleet', () => {
  it('names devices per platform (lab-ios-1, lab-nxos-1, …) in a fixed order on consecutive ports', async () => {
    const lab = await startLab({ platforms: { linux: 1, arista_eos: 2, cisco_ios: 1, juniper_junos: 1, cisco_nxos: 1 } });
    try {
      expect(lab.devices.map((d) => [d.name, d.platform])).toEqual([
        ['lab-ios-1', 'cisco_ios'],
        ['lab-nxos-1', 'cisco_nxos'],
        ['lab-eos-1', 'arista_eos'],
        ['lab-eos-2', 'arista_eos'],
        ['lab-junos-1', 'juniper_junos'],
        ['lab-linux-1', 'linux'],
      ]);
      expect(new Set(lab.devices.map((d) => d.hostKeyFingerprint)).size).toBe(1);
      expect(await serverIdent(lab.device('lab-ios-1'))).toBe('SSH-2.0-Cisco-1.25');
      expect(await serverIdent(lab.device('lab-linux-1'))).toMatch(/^SSH-2\.0-OpenSSH_9\.2p1 Debian/);
      // Addresses are unique across the whole fleet.
      expect(lab.device('lab-eos-2').state.interfaces.get('Ethernet1')?.ipv4?.address).toBe('10.0.4.1');
      expect(lab.device('lab-junos-1').junosState.active.interfaces.get('ge-0/0/0')?.units.get(0)).toBe('10.0.5.1/24');
      expect(() => lab.device('lab-linux-1').state).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    } finally {
      await lab.close();
    }
  });

  it('keeps startLab({ count }) an IOS lab and takes a platform per call', async () => {
    const ios = await startLab({ count: 1 });
    const eos = await startLab({ count: 2, platform: 'arista_eos' });
    try {
      expect(ios.devices.map((d) => [d.name, d.platform])).toEqual([['lab-ios-1', 'cisco_ios']]);
      expect(eos.devices.map((d) => d.name)).toEqual(['lab-eos-1', 'lab-eos-2']);
    } finally {
      await Promise.all([ios.close(), eos.close()]);
    }
  });

  it('refuses contradictory or empty fleets', async () => {
    await expect(startLab({ count: 2, platforms: { cisco_ios: 1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(startLab({ platforms: {} })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(startLab({ platforms: { linux: 1.5 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('linux') });
    await expect(startLab({ count: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('shows each platform its own banner', async () => {
    const lab = await startLab({ platforms: { cisco_nxos: 1, juniper_junos: 1 } });
    try {
      const nxos = await openRawShell(lab.device('lab-nxos-1'));
      expect(await nxos.until(/lab-nxos-1# ?$/)).toContain('Simulated Cisco NX-OS for tests and demos.');
      await nxos.close();
      const junos = await openRawShell(lab.device('lab-junos-1'));
      expect(await junos.until(/> $/)).toContain('Simulated Junos for tests and demos.');
      await junos.close();
    } finally {
      await lab.close();
    }
  });
});
