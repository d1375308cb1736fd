import { describe, expect, it } from 'vitest';
import { startLab } from '../../../src/lab/index.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

describe('SshConnector at fleet scale', () => {
  it('opens 100 sessions in parallel against a 100-device lab in one process', async () => {
    const lab = await startLab({ count: 100 });
    const connector = new SshConnector();
    try {
      const sessions = await Promise.all(lab.devices.map((d) => connector.connect(endpointOf(d, { hostKeyFingerprint: d.hostKeyFingerprint }), TIMEOUTS)));
      try {
        const outputs = await Promise.all(sessions.map((s) => s.run('show version')));
        outputs.forEach((out, i) => {
          expect(out.errorMarker).toBeNull();
          expect(out.output).toContain(`lab-ios-${i + 1} uptime is`);
        });
        expect(lab.devices.every((d) => d.commandLog.at(-1) === 'show version')).toBe(true);
      } finally {
        await Promise.all(sessions.map((s) => s.close()));
      }
    } finally {
      await lab.close();
    }
  });

  it('queues logins beyond maxParallelLogins (every platform, shell and exec) instead of failing them', async () => {
    const lab = await startLab({ platforms: { cisco_ios: 4, juniper_junos: 4, linux: 4 } });
    const connector = new SshConnector({ maxParallelLogins: 2 });
    try {
      const sessions = await Promise.all(lab.devices.map((d) => connector.connect(endpointOf(d), { ...TIMEOUTS, connectMs: 1500 })));
      expect(sessions).toHaveLength(12);
      await Promise.all(sessions.map((s) => s.close()));
    } finally {
      await lab.close();
    }
  });
});
