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

beforeAll(async () => {
  lab = await startLab({ count: 20 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('SshConnector against the lab', () => {
  it('runs show version end to end: banner skipped, enable done, paging off, echo and prompt stripped', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    expect(session.hostKeyFingerprint).toBe(device.hostKeyFingerprint);
    expect(session.hostKeyWasUnknown).toBe(true);
    const result = await session.run('show version');
    expect(result.command).toBe('show version');
    expect(result.errorMarker).toBeNull();
    expect(result.output.startsWith('Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.9(3)M4')).toBe(true);
    expect(result.output.endsWith('Configuration register is 0x0')).toBe(true);
    expect(result.output).not.toMatch(/--More--|\r|lab-ios-\d+[#>]/);
    expect(device.commandLog).toEqual(['enable', '********', 'terminal length 0', 'terminal width 511', 'show version']);
  });

  it('reports a pinned key as known', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device, { hostKeyFingerprint: device.hostKeyFingerprint }), TIMEOUTS, { strictHostKeys: true });
    expect(session.hostKeyWasUnknown).toBe(false);
  });

  it('answers --More-- itself when the device keeps paging after "terminal length 0"', async () => {
    const device = fresh();
    device.setFault({ kind: 'ignoreTerminalLength' });
    const session = await connect(endpointOf(device), TIMEOUTS);
    const result = await session.run('show interfaces');
    expect(result.output.split('\n').length).toBeGreaterThan(60); // several pages
    // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
    expect(result.output).not.toMatch(/More|\x08/);
    expect(result.output).toMatch(/^GigabitEthernet0\/0 is up, line protocol is up/);
    expect(result.output).toMatch(/\nLoopback0 is up, line protocol is up \n {2}Hardware is Loopback\n/);
    // Page boundaries leave no trace: every line is one IOS would print.
    expect(result.output.split('\n').filter((l) => l.startsWith(' ') && !l.startsWith('  ') && !l.startsWith('     '))).toEqual([]);
  });

  it('fails with ENABLE_FAILED on a wrong enable secret', async () => {
    const device = fresh();
    const endpoint = endpointOf(device);
    await expect(connector.connect({ ...endpoint, secrets: { ...endpoint.secrets, enableSecret: 'not-the-secret' } }, TIMEOUTS)).rejects.toMatchObject({
      code: 'ENABLE_FAILED',
      retryable: false,
      details: { lastOutput: expect.stringContaining('% Access denied') },
    });
    await expect(connector.connect({ ...endpoint, secrets: { ...endpoint.secrets, enableSecret: undefined } }, TIMEOUTS)).rejects.toMatchObject({
      code: 'ENABLE_FAILED',
      message: expect.stringContaining('none is configured'),
    });
  });

  it('runConfig creates Loopback100 and show ip interface brief lists it', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const sent: string[] = [];
    const outputs = await session.runConfig(['interface Loopback100', 'ip address 10.100.100.1 255.255.255.255', 'no shutdown'], (c) => {
      sent.push(c);
    });
    expect(outputs.map((o) => [o.command, o.errorMarker])).toEqual([
      ['interface Loopback100', null],
      ['ip address 10.100.100.1 255.255.255.255', null],
      ['no shutdown', null],
    ]);
    expect(sent).toEqual(['interface Loopback100', 'ip address 10.100.100.1 255.255.255.255', 'no shutdown']);
    const brief = await session.run('show ip interface brief');
    expect(brief.output).toMatch(/^Loopback100\s+10\.100\.100\.1\s+YES manual up\s+up$/m);
    expect(device.commandLog.slice(-6)).toEqual(['configure terminal', ...sent, 'end', 'show ip interface brief']);
  });

  it('stops a config batch at the first error marker, reports it, and still leaves config mode', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const outputs = await session.runConfig(['vlan 120', 'name chatops', 'ip adress 1.1.1.1', 'vlan 130']);
    expect(outputs).toHaveLength(3);
    expect(outputs[2]).toMatchObject({ command: 'ip adress 1.1.1.1', errorMarker: '% Invalid input' });
    expect(outputs[2]!.output).toContain("% Invalid input detected at '^' marker.");
    expect(device.commandLog).not.toContain('vlan 130');
    expect(device.commandLog.at(-1)).toBe('end');
    // Back in privileged exec: an exec command works.
    expect((await session.run('show vlan id 120')).output).toMatch(/120\s+chatops\s+active/);
  });

  it('when onSent throws, nothing more is sent, config mode is left and the caller gets its own error', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const journalDown = new Error('journal unavailable');
    await expect(
      session.runConfig(['vlan 400', 'name never'], (c) => {
        if (c === 'name never') throw journalDown;
      }),
    ).rejects.toBe(journalDown);
    expect(device.commandLog.slice(-3)).toEqual(['configure terminal', 'vlan 400', 'end']);
    expect((await session.run('show clock')).errorMarker).toBeNull();
  });

  it('follows the prompt through a hostname change mid-session', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const outputs = await session.runConfig(['hostname core-sw1.lab-b', 'interface Loopback5', 'description renamed']);
    expect(outputs.every((o) => o.errorMarker === null && o.output === '')).toBe(true);
    const clock = await session.run('show clock');
    expect(clock.output).toMatch(/^\*\d\d:\d\d:\d\d\.\d{3} UTC/);
    expect(clock.output).not.toContain('core-sw1');
    expect(await session.runningConfig()).toContain('hostname core-sw1.lab-b');
  });

  it('returns the running config without "Building configuration..."', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const config = await session.runningConfig();
    expect(config).toMatch(/^Current configuration : \d+ bytes\n!\n! Last configuration change at /);
    expect(config).not.toContain('Building configuration');
    expect(config.endsWith('\nend')).toBe(true);
  });

  it('keeps output lines with # and > that are not prompts', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    await session.runConfig(['interface Loopback9', `description ${device.name}# and ${device.name}> are not prompts`]);
    const section = await session.run('show running-config interface Loopback9');
    expect(section.output).toContain(`description ${device.name}# and ${device.name}> are not prompts\n no ip address\nend`);
    expect(section.output.endsWith('end')).toBe(true);
  });

  it('strips ANSI escape codes from output', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    device.setFault({ kind: 'ansi' });
    const result = await session.run('show ip interface brief');
    expect(result.output).not.toContain('\x1b');
    expect(result.output.split('\n')[0]).toBe('Interface                  IP-Address      OK? Method Status                Protocol');
    expect(result.output).toMatch(/^Loopback0\s+172\.16\.\d+\.\d+\s+YES manual up\s+up$/m);
  });

  it('reads a 5 MB running config correctly', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), { ...TIMEOUTS, commandMs: 30_000 });
    device.setFault({ kind: 'hugeConfig', megabytes: 5 });
    const config = await session.runningConfig();
    const entries = config.split('\n').filter((l) => / permit tcp host /.test(l));
    expect(entries[0]).toBe(' 10 permit tcp host 10.0.0.0 any eq 1024');
    // Nothing lost or duplicated: entry i carries sequence number 10 * i.
    expect(entries.every((line, i) => line.startsWith(` ${(i + 1) * 10} permit tcp host `))).toBe(true);
    expect(entries.join('\n').length).toBeGreaterThanOrEqual(5 * 1024 * 1024 - 100);
    expect(config.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(config.endsWith('\nend')).toBe(true);
  });

  it('masks secrets in outputs even when the device echoes or prints them', async () => {
    const device = fresh();
    device.setFault({ kind: 'echoSecrets' });
    const session = await connect(endpointOf(device), TIMEOUTS);
    const config = await session.runningConfig();
    expect(config).toContain(`username ${device.username} privilege 15 password 0 ********`);
    expect(config).toContain('enable password ********');
    expect(config).not.toContain(device.password);
    expect(config).not.toContain(device.enableSecret);
    const echoed = await session.run(`show ${device.password}`);
    expect(echoed.command).toBe('show ********');
    expect(echoed.output).not.toContain(device.password);
  });

  it('logs in with keyboard-interactive when password auth is not offered', async () => {
    const kbd = await startLab({ count: 1, authMethods: ['keyboard-interactive'], namePrefix: 'kbd-' });
    try {
      const device = kbd.devices[0]!;
      const session = await connector.connect(endpointOf(device), TIMEOUTS);
      expect((await session.run('show clock')).errorMarker).toBeNull();
      await session.close();
    } finally {
      await kbd.close();
    }
  });

  it('serialises concurrent calls on one session', async () => {
    const session = await connect(endpointOf(fresh()), TIMEOUTS);
    const [a, b, c] = await Promise.all([session.run('show clock'), session.run('show vlan brief'), session.run('show ip interface brief')]);
    expect(a.output).toMatch(/UTC/);
    expect(b.output).toMatch(/VLAN Name/);
    expect(c.output).toMatch(/IP-Address/);
  });

  it('refuses a multi-line command before sending anything', async () => {
    const device = fresh();
    const session = await connect(endpointOf(device), TIMEOUTS);
    const before = device.commandLog.length;
    await expect(session.run('show clock\nreload')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(session.runConfig(['vlan 5', 'name x\nexit'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(device.commandLog.length).toBe(before);
  });
});
