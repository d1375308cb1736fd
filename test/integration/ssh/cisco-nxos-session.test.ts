import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { stripNoise } from '../../../src/core/runs/config-diff.ts';
import { startLab, type Lab, type LabDevice } from '../../../src/lab/index.ts';
import { ciscoNxosDriver, SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

let lab: Lab;
let next = 0;
const fresh = (): LabDevice => lab.devices[next++]!;
const connector = new SshConnector();
const open: DeviceSession[] = [];
async function connect(device: LabDevice): Promise<DeviceSession> {
  const session = await connector.connect(endpointOf(device), TIMEOUTS);
  open.push(session);
  return session;
}

beforeAll(async () => {
  lab = await startLab({ count: 10, platform: 'cisco_nxos' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('cisco_nxos driver against the lab', () => {
  it('logs in privileged (no enable), turns paging off, returns clean output', async () => {
    const device = fresh();
    const session = await connect(device);
    const out = await session.run('show version');
    expect(out.errorMarker).toBeNull();
    expect(out.output.startsWith('Cisco Nexus Operating System (NX-OS) Software\n')).toBe(true);
    expect(out.output).toContain(`  Device name: ${device.name}`);
    expect(out.output).not.toMatch(/--More--|\r|lab-nxos-\d+#/);
    expect(device.commandLog).toEqual(['terminal length 0', 'terminal width 511', 'show version']);
  });

  it('reports NX-OS error markers: invalid command, invalid parameter, incomplete, ambiguous', async () => {
    const session = await connect(fresh());
    expect((await session.run('show frobnicate')).errorMarker).toBe('% Invalid command');
    expect((await session.run('show vlan id 5000')).errorMarker).toBe('% Invalid parameter');
    expect((await session.run('show vlan id')).errorMarker).toBe('% Incomplete command');
    const ambiguous = await session.run('sh i');
    expect(ambiguous.errorMarker).toBe('% Ambiguous command');
    expect(ambiguous.output).toBe("              ^\n% Ambiguous command at '^' marker.");
  });

  it('configures in config sub-modes, stops at the first error and still leaves with end', async () => {
    const device = fresh();
    const session = await connect(device);
    const outputs = await session.runConfig(['interface loopback9', 'ip address 10.9.9.9/32', 'vlan 300', 'name blue', 'ip adress 1.1.1.1', 'vlan 301']);
    expect(outputs.map((o) => o.errorMarker)).toEqual([null, null, null, null, '% Invalid command']);
    expect(device.commandLog.slice(-3)).toEqual(['name blue', 'ip adress 1.1.1.1', 'end']);
    expect((await session.run('show ip interface brief')).output).toMatch(/^Lo9\s+10\.9\.9\.9\s+protocol-up\/link-up\/admin-up/m);
    expect((await session.run('show vlan id 300')).output).toMatch(/^300\s+blue\s+active/m);
  });

  it('follows the prompt through a hostname change', async () => {
    const device = fresh();
    const session = await connect(device);
    await session.runConfig(['hostname leaf-7.dc1']);
    expect(device.hostname).toBe('leaf-7.dc1');
    expect((await session.run('show version')).output).toContain('Device name: leaf-7.dc1');
  });

  it('returns the running config; its !Time: and !Running configuration lines are diff noise', async () => {
    const device = fresh();
    const session = await connect(device);
    const first = await session.runningConfig();
    const [command, lastDone, time] = first.split('\n');
    expect(command).toBe('!Command: show running-config');
    expect(lastDone).toMatch(/^!Running configuration last done at: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(time).toMatch(/^!Time: /);
    await session.runConfig(['interface loopback20', 'exit', 'no interface loopback20']); // touches the change stamp only
    await new Promise((r) => setTimeout(r, 1100)); // the stamps have one-second resolution
    const second = await session.runningConfig();
    expect(second).not.toBe(first);
    expect(stripNoise(second, ciscoNxosDriver.diffNoisePatterns)).toBe(stripNoise(first, ciscoNxosDriver.diffNoisePatterns));
  });

  it('answers --More-- when the device keeps paging', async () => {
    const device = fresh();
    const session = await connect(device);
    const unpaged = await session.runningConfig();
    device.setFault({ kind: 'ignoreTerminalLength' });
    const paged = await session.runningConfig();
    expect(unpaged.split('\n').length).toBeGreaterThan(30);
    expect(stripNoise(paged, ciscoNxosDriver.diffNoisePatterns)).toBe(stripNoise(unpaged, ciscoNxosDriver.diffNoisePatterns));
  });

  it('saves with copy running-config startup-config', async () => {
    const device = fresh();
    const session = await connect(device);
    const saved = await session.run(ciscoNxosDriver.saveCommand);
    expect(saved.errorMarker).toBeNull();
    expect(saved.output).toContain('Copy complete.');
  });
});
