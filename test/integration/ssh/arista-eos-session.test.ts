import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { stripNoise } from '../../../src/core/runs/config-diff.ts';
import { startLab, type Lab, type LabDevice } from '../../../src/lab/index.ts';
import { aristaEosDriver, SshConnector } from '../../../src/ssh/index.ts';
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
  lab = await startLab({ count: 10, platform: 'arista_eos' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('arista_eos driver against the lab', () => {
  it('enables with the secret, turns paging off (the "Pagination disabled." replies stay out of results)', async () => {
    const device = fresh();
    const session = await connect(device);
    const out = await session.run('show version');
    expect(out.output.split('\n')[0]).toBe('Arista vEOS-lab');
    expect(out.output).toContain('Software image version: 4.28.3M');
    expect(device.commandLog).toEqual(['enable', '********', 'terminal length 0', 'terminal width 511', 'show version']);
  });

  it('fails with ENABLE_FAILED on a wrong enable secret, showing the device answer', async () => {
    const device = fresh();
    const endpoint = endpointOf(device);
    await expect(connector.connect({ ...endpoint, secrets: { ...endpoint.secrets, enableSecret: 'not-the-secret' } }, TIMEOUTS)).rejects.toMatchObject({
      code: 'ENABLE_FAILED',
      retryable: false,
      details: { lastOutput: expect.stringContaining('% Access denied') },
    });
  });

  it('reports EOS error markers', async () => {
    const session = await connect(fresh());
    const invalid = await session.run('show frobnicate');
    expect(invalid).toMatchObject({ errorMarker: '% Invalid input', output: "% Invalid input (at token 1: 'frobnicate')" });
    expect((await session.run('show vlan id')).errorMarker).toBe('% Incomplete command');
    expect((await session.run('sh i')).errorMarker).toBe('% Ambiguous command');
    // "not found" is an answer, not an error: a pre-check may expect it.
    expect(await session.run('show vlan 999')).toMatchObject({ errorMarker: null, output: '% VLAN 999 not found in current VLAN database' });
  });

  it('configures through sub-modes whose prompts name the object, stopping at the first error', async () => {
    const device = fresh();
    const session = await connect(device);
    const outputs = await session.runConfig(['interface Loopback9', 'description to core # not a prompt >', 'ip address 10.9.9.9/32', 'vlan 30', 'name BLUE', 'name too many words', 'vlan 31']);
    expect(outputs.map((o) => o.errorMarker)).toEqual([null, null, null, null, null, '% Invalid input']);
    expect(device.commandLog.slice(-2)).toEqual(['name too many words', 'end']);
    const config = await session.runningConfig();
    expect(config).toContain('interface Loopback9\n   description to core # not a prompt >\n   ip address 10.9.9.9/32\n!');
    expect(config).toContain('vlan 30\n   name BLUE\n!');
    expect(config).not.toContain('vlan 31');
  });

  it('follows a hostname change; the "! device:" header is diff noise', async () => {
    const device = fresh();
    const session = await connect(device);
    const before = await session.runningConfig();
    await session.runConfig(['hostname spine-1.dc2']);
    const after = await session.runningConfig();
    expect(after).toContain('! device: spine-1.dc2 (vEOS-lab, EOS-4.28.3M)');
    const noise = aristaEosDriver.diffNoisePatterns;
    expect(stripNoise(after, noise).replace('hostname spine-1.dc2', `hostname ${device.name}`)).toBe(stripNoise(before, noise));
  });

  it('saves with copy running-config startup-config', async () => {
    const session = await connect(fresh());
    expect((await session.run(aristaEosDriver.saveCommand)).output).toBe('Copy completed successfully.');
  });

  it('masks passwords the device shows in clear', async () => {
    const device = fresh();
    device.setFault({ kind: 'echoSecrets' });
    const session = await connect(device);
    const config = await session.runningConfig();
    expect(config).toContain('enable password 0 ********');
    expect(config).toContain('secret 0 ********');
    expect(config).not.toContain(device.password);
    expect(config).not.toContain(device.enableSecret);
  });
});
