import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { startLab, type Lab, type LabDevice } from '../../../src/lab/index.ts';
import { createLinuxDriver, SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

let lab: Lab;
let next = 0;
const fresh = (): LabDevice => lab.devices[next++]!;
const open: DeviceSession[] = [];
async function connect(device: LabDevice, connector = new SshConnector(), timeouts = TIMEOUTS): Promise<DeviceSession> {
  const session = await connector.connect(endpointOf(device), timeouts);
  open.push(session);
  return session;
}

beforeAll(async () => {
  lab = await startLab({ count: 10, platform: 'linux' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('linux driver against the lab (an exec channel per command)', () => {
  it('runs each command in its own exec channel: no shell, no paging or enable commands first', async () => {
    const device = fresh();
    const session = await connect(device);
    const uname = await session.run('uname -a');
    expect(uname).toMatchObject({ command: 'uname -a', errorMarker: null });
    expect(uname.output).toMatch(new RegExp(`^Linux ${device.name} 6\\.1\\.0-18-amd64 .* x86_64 GNU/Linux$`));
    expect((await session.run('ip -br addr')).output).toMatch(/^eth0\s+UP\s+10\.\d+\.\d+\.10\/24\s*$/m);
    expect(device.commandLog).toEqual(['uname -a', 'ip -br addr']);
  });

  it('a non-zero exit status is the error marker, with stderr in the output', async () => {
    const session = await connect(fresh());
    expect(await session.run('cat /etc/no-such-file')).toMatchObject({ errorMarker: 'exit status 1', output: 'cat: /etc/no-such-file: No such file or directory' });
    expect(await session.run('frobnicate --now')).toMatchObject({ errorMarker: 'exit status 127', output: 'bash: frobnicate: command not found' });
    expect(await session.run('exit 3')).toMatchObject({ errorMarker: 'exit status 3', output: '' });
    expect((await session.run('true')).errorMarker).toBeNull();
  });

  it('"config" steps are the same commands run one after the other, stopping at the first failure', async () => {
    const device = fresh();
    const session = await connect(device);
    const sent: string[] = [];
    const outputs = await session.runConfig(['sudo ip addr add 10.50.0.1/24 dev eth1', 'ip link set eth1 up', 'sudo ip link set eth1 up'], (c) => void sent.push(c));
    expect(outputs.map((o) => [o.command, o.errorMarker, o.output])).toEqual([
      ['sudo ip addr add 10.50.0.1/24 dev eth1', null, ''],
      ['ip link set eth1 up', 'exit status 2', 'RTNETLINK answers: Operation not permitted'],
    ]);
    expect(sent).toEqual(['sudo ip addr add 10.50.0.1/24 dev eth1', 'ip link set eth1 up']);
    expect(device.commandLog).toEqual(sent);
    expect(device.linuxState.interfaces.get('eth1')).toEqual({ up: false, addresses: ['10.50.0.1/24'] });
  });

  it('has no running config by default (nothing is sent), and reads the configured command when set', async () => {
    const device = fresh();
    expect(await (await connect(device)).runningConfig()).toBe('');
    expect(device.commandLog).toEqual([]);
    const withFile = new SshConnector({ drivers: { linux: createLinuxDriver({ runningConfigCommand: 'cat /etc/network/interfaces' }) } });
    const session = await connect(device, withFile);
    await session.runConfig(['sudo ip addr add 10.60.0.1/24 dev eth1']);
    const config = await session.runningConfig();
    expect(config).toContain('iface eth1 inet static\n    address 10.60.0.1/24');
    const missing = new SshConnector({ drivers: { linux: createLinuxDriver({ runningConfigCommand: 'cat /etc/netplan/none.yaml' }) } });
    await expect((await connect(device, missing)).runningConfig()).rejects.toMatchObject({ code: 'COMMAND_ERROR', message: expect.stringContaining('exit status 1') });
  });

  it('sends shell metacharacters exactly as given (no quoting added), and refuses control characters before sending', async () => {
    const device = fresh();
    const session = await connect(device);
    const command = `echo 'a;b' "$HOME" | cat > /tmp/x`;
    await session.run(command);
    expect(device.commandLog).toEqual([command]);
    await expect(session.run('echo ok\nreboot')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(session.runConfig(['true', 'echo \x1b[2J'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(device.commandLog).toEqual([command]);
  });

  it('a command that never ends → COMMAND_TIMEOUT (command) even while the channel stays open', async () => {
    const device = fresh();
    const session = await connect(device, new SshConnector(), { connectMs: 5000, commandMs: 300, idleMs: 10_000 });
    device.setFault({ kind: 'slow', delayMs: 3000 });
    await expect(session.run('uname -a')).rejects.toMatchObject({ code: 'COMMAND_TIMEOUT', details: { timeout: 'command', timeoutMs: 300 } });
  });

  it('masks the password when a command prints it', async () => {
    const device = fresh();
    device.setFault({ kind: 'echoSecrets' });
    const session = await connect(device);
    const out = await session.run('uname -r');
    expect(out.output).toBe(`6.1.0-18-amd64\nlogin ${device.username} password ********`);
  });
});
