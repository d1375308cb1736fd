import { createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

let lab: Lab;
let next = 0;
const fresh = () => lab.devices[next++]!;
const connector = new SshConnector();
const open: DeviceSession[] = [];
async function connect(...args: Parameters<SshConnector['connect']>): Promise<DeviceSession> {
  const session = await connector.connect(...args);
  open.push(session);
  return session;
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  lab = await startLab({ count: 20 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('SshConnector failures, provoked for real', () => {
  it('closed port → CONNECT_REFUSED (retryable)', async () => {
    const port = await closedPort();
    await expect(connector.connect(endpointOf(fresh(), { port }), TIMEOUTS)).rejects.toMatchObject({ code: 'CONNECT_REFUSED', retryable: true });
  });

  it('unresolvable host → DNS_FAILED (retryable)', async () => {
    await expect(connector.connect(endpointOf(fresh(), { host: 'nonexistent.invalid' }), TIMEOUTS)).rejects.toMatchObject({
      code: 'DNS_FAILED',
      retryable: true,
      message: expect.stringContaining('nonexistent.invalid'),
    });
  });

  it('a server that never speaks SSH → CONNECT_TIMEOUT within connectMs', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    try {
      await expect(connector.connect(endpointOf(fresh(), { port }), { ...TIMEOUTS, connectMs: 300 })).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT', retryable: true });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('wrong password → AUTH_FAILED (not retryable), password never in the error', async () => {
    const device = fresh();
    const endpoint = endpointOf(device);
    const err = await connector.connect({ ...endpoint, secrets: { ...endpoint.secrets, password: 'wrong-password' } }, TIMEOUTS).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(JSON.stringify(err)).not.toContain('wrong-password');
    expect(device.commandLog).toEqual([]);
  });

  it('changed host key → HOST_KEY_CHANGED before auth and before any command', async () => {
    const device = fresh();
    const pinned = device.hostKeyFingerprint;
    device.rotateHostKey();
    await expect(connector.connect(endpointOf(device, { hostKeyFingerprint: pinned }), TIMEOUTS)).rejects.toMatchObject({
      code: 'HOST_KEY_CHANGED',
      retryable: false,
      details: { expected: pinned, actual: device.hostKeyFingerprint },
    });
    expect(device.authAttempts).toBe(0);
    expect(device.commandLog).toEqual([]);
  });

  it('unknown host key with strict checking → HOST_KEY_UNKNOWN before auth', async () => {
    const device = fresh();
    await expect(connector.connect(endpointOf(device), TIMEOUTS, { strictHostKeys: true })).rejects.toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    expect(device.authAttempts).toBe(0);
  });

  it('a device that stops answering → COMMAND_TIMEOUT (idle) well before the command timeout', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), { connectMs: 5000, commandMs: 10_000, idleMs: 300 });
    device.setFault({ kind: 'hang' });
    const started = Date.now();
    const err = await session.run('show version').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: true, details: { timeout: 'idle', timeoutMs: 300 } });
    expect(Date.now() - started).toBeLessThan(5000);
    // The shell is in an unknown state: nothing more is sent into it.
    await expect(session.run('show clock')).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    expect(device.commandLog.at(-1)).toBe('show version');
  });

  it('a device that keeps the line busy but never prompts → COMMAND_TIMEOUT (command)', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), { connectMs: 5000, commandMs: 300, idleMs: 10_000 });
    device.setFault({ kind: 'slow', delayMs: 3000 });
    await expect(session.run('show clock')).rejects.toMatchObject({ code: 'COMMAND_TIMEOUT', details: { timeout: 'command', timeoutMs: 300 } });
  });

  it('a timeout after a config command was sent is not retryable, and the command is never re-sent', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), { connectMs: 5000, commandMs: 5000, idleMs: 300 });
    const err = await session
      .runConfig(['vlan 300', 'name blue'], (command) => {
        if (command === 'name blue') device.setFault({ kind: 'hang' });
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: false });
    expect(device.commandLog.filter((c) => c === 'name blue')).toHaveLength(1);
    expect(device.commandLog.at(-1)).toBe('name blue');
  });

  it('a connection dropped mid-output → SESSION_CLOSED', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    device.setFault({ kind: 'drop' });
    const err = await session.run('show running-config').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SESSION_CLOSED', retryable: true });
    expect((err as { details: { bytesReceived: number } }).details.bytesReceived).toBeGreaterThan(100);
    await expect(session.run('show clock')).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
  });

  it('a drop during a config batch → SESSION_CLOSED, not retryable', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    await expect(
      session.runConfig(['interface Loopback1'], () => device.setFault({ kind: 'drop' })),
    ).rejects.toMatchObject({ code: 'SESSION_CLOSED', retryable: false });
  });

  it('a prompt the driver cannot recognise → PROMPT_NOT_DETECTED showing the last bytes, secrets masked', async () => {
    // A hostname with spaces never matches the IOS prompt pattern; the banner leaks the password.
    const odd = await startLab({ count: 1, namePrefix: 'odd host ', banner: 'Temporary password: lab-password' });
    try {
      const device = odd.devices[0]!;
      const err = await connector.connect(endpointOf(device), { connectMs: 3000, commandMs: 3000, idleMs: 200 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'PROMPT_NOT_DETECTED', retryable: true });
      const message = (err as Error).message;
      expect(message).toContain('odd host 1>');
      expect(message).toContain('Temporary password: ********');
      expect(JSON.stringify(err)).not.toContain('lab-password');
      expect(device.commandLog).toEqual(['']); // the one Enter sent to wake a silent device
    } finally {
      await odd.close();
    }
  });
});
