import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { LAB_PLATFORMS, startLab, type Lab, type LabDevice, type LabPlatform } from '../../../src/lab/index.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

const PER_PLATFORM = 6;
let lab: Lab;
const used = new Set<string>();
/** A device of the platform no other test has touched. */
const fresh = (platform: LabPlatform): LabDevice => {
  const device = lab.devices.find((d) => d.platform === platform && !used.has(d.name));
  if (device === undefined) throw new Error(`no fresh ${platform} device left`);
  used.add(device.name);
  return device;
};
const connector = new SshConnector();
const open: DeviceSession[] = [];
async function connect(...args: Parameters<SshConnector['connect']>): Promise<DeviceSession> {
  const session = await connector.connect(...args);
  open.push(session);
  return session;
}
/** A read-only command every platform answers. */
const SHOW: Record<LabPlatform, string> = {
  cisco_ios: 'show version',
  cisco_nxos: 'show version',
  arista_eos: 'show version',
  juniper_junos: 'show version',
  linux: 'uname -a',
};
/** A line of that command's output. */
const SHOWN: Record<LabPlatform, string> = {
  cisco_ios: 'Cisco IOS Software, IOSv Software',
  cisco_nxos: 'Cisco Nexus Operating System (NX-OS) Software',
  arista_eos: 'Software image version: 4.28.3M',
  juniper_junos: 'Junos: 21.4R3.15',
  linux: 'x86_64 GNU/Linux',
};
/** A config command that changes something harmless. */
const CHANGE: Record<LabPlatform, string> = {
  cisco_ios: 'interface Loopback77',
  cisco_nxos: 'interface loopback77',
  arista_eos: 'interface Loopback77',
  juniper_junos: 'set vlans V77 vlan-id 77',
  linux: 'sudo ip link set eth1 up',
};

beforeAll(async () => {
  lab = await startLab({ platforms: Object.fromEntries(LAB_PLATFORMS.map((p) => [p, PER_PLATFORM])) });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe.each(LAB_PLATFORMS)('%s: failures provoked for real, each with its code and retry class', (platform) => {
  it('wrong password → AUTH_FAILED (not retryable), nothing sent, password not in the error', async () => {
    const device = fresh(platform);
    const endpoint = endpointOf(device);
    const err = await connector.connect({ ...endpoint, secrets: { ...endpoint.secrets, password: 'wrong-password' } }, TIMEOUTS).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(JSON.stringify(err)).not.toContain('wrong-password');
    expect(device.commandLog).toEqual([]);
  });

  it('changed host key → HOST_KEY_CHANGED before authentication', async () => {
    const device = fresh(platform);
    const pinned = device.hostKeyFingerprint;
    device.rotateHostKey();
    await expect(connector.connect(endpointOf(device, { hostKeyFingerprint: pinned }), TIMEOUTS)).rejects.toMatchObject({
      code: 'HOST_KEY_CHANGED',
      retryable: false,
      details: { expected: pinned, actual: device.hostKeyFingerprint },
    });
    expect(device.authAttempts).toBe(0);
  });

  it('a device that stops answering → COMMAND_TIMEOUT (idle), retryable for a read, then the session is unusable', async () => {
    const device = fresh(platform);
    const session = await connect(endpointOf(device), { connectMs: 5000, commandMs: 10_000, idleMs: 300 });
    device.setFault({ kind: 'hang' });
    const err = await session.run(SHOW[platform]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: true, details: { timeout: 'idle', timeoutMs: 300 } });
    await expect(session.run(SHOW[platform])).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    expect(device.commandLog.filter((c) => c === SHOW[platform])).toHaveLength(1);
  });

  it('a timeout after a config command left is not retryable, and the command is never re-sent', async () => {
    const device = fresh(platform);
    const session = await connect(endpointOf(device), { connectMs: 5000, commandMs: 5000, idleMs: 300 });
    const err = await session.runConfig([CHANGE[platform]], () => device.setFault({ kind: 'hang' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: false });
    expect(device.commandLog.filter((c) => c === CHANGE[platform])).toHaveLength(1);
  });

  it('a connection dropped mid-output → SESSION_CLOSED with the bytes received so far', async () => {
    const device = fresh(platform);
    const session = await connect(endpointOf(device), TIMEOUTS);
    device.setFault({ kind: 'drop' });
    const err = await session.run(SHOW[platform]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SESSION_CLOSED', retryable: true });
    expect((err as { details: { bytesReceived: number } }).details.bytesReceived).toBeGreaterThan(20);
    await expect(session.run(SHOW[platform])).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
  });

  it('ANSI colour and erase codes never reach the output', async () => {
    const device = fresh(platform);
    const session = await connect(endpointOf(device), TIMEOUTS);
    device.setFault({ kind: 'ansi' });
    const out = await session.run(SHOW[platform]);
    expect(out.errorMarker).toBeNull();
    expect(out.output).not.toContain('\x1b');
    expect(out.output).toContain(SHOWN[platform]);
  });
});
