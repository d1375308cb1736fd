import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../src/core/ports/device-session.ts';
import { stripNoise } from '../../../src/core/runs/config-diff.ts';
import { startLab, type Lab, type LabDevice } from '../../../src/lab/index.ts';
import { juniperJunosDriver, SshConnector } from '../../../src/ssh/index.ts';
import { openRawShell } from '../lab/raw-shell.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

let lab: Lab;
let next = 0;
const fresh = (): LabDevice => lab.devices[next++]!;
const connector = new SshConnector();
const open: DeviceSession[] = [];
async function connect(device: LabDevice, timeouts = TIMEOUTS): Promise<DeviceSession> {
  const session = await connector.connect(endpointOf(device), timeouts);
  open.push(session);
  return session;
}
const PREPARE = ['set cli screen-length 0', 'set cli screen-width 511', 'set cli complete-on-space off'];

beforeAll(async () => {
  lab = await startLab({ count: 16, platform: 'juniper_junos' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await lab.close();
});

describe('juniper_junos driver against the lab', () => {
  it('logs in to the operational CLI, turns paging off, and returns clean output (no [edit], {master:0} or prompt)', async () => {
    const device = fresh();
    const session = await connect(device);
    const out = await session.run('show version');
    expect(out.errorMarker).toBeNull();
    expect(out.output.split('\n')[0]).toBe('fpc0:');
    expect(out.output).toContain(`Hostname: ${device.name}`);
    expect(out.output.endsWith('JUNOS Web Management Platform Package [21.4R3.15]')).toBe(true);
    expect(device.commandLog).toEqual([...PREPARE, 'show version']);
  });

  it('commits a batch in a private candidate: configure private, commands, commit check, commit, exit', async () => {
    const device = fresh();
    const session = await connect(device);
    const sent: string[] = [];
    const outputs = await session.runConfig(['set vlans BLUE vlan-id 30', 'set interfaces ge-0/0/1 description "to core"'], (c) => {
      sent.push(c);
    });
    expect(outputs.map((o) => [o.command, o.output, o.errorMarker])).toEqual([
      ['set vlans BLUE vlan-id 30', '', null],
      ['set interfaces ge-0/0/1 description "to core"', '', null],
      ['commit check', 'configuration check succeeds', null],
      ['commit', 'commit complete', null],
    ]);
    expect(sent).toEqual(['set vlans BLUE vlan-id 30', 'set interfaces ge-0/0/1 description "to core"']);
    expect(device.commandLog.slice(PREPARE.length)).toEqual([
      'configure private',
      'set vlans BLUE vlan-id 30',
      'set interfaces ge-0/0/1 description "to core"',
      'commit check',
      'commit',
      'exit configuration-mode',
    ]);
    expect(device.junosState.active.vlans.get('BLUE')?.id).toBe(30);
    expect(device.junosState.active.interfaces.get('ge-0/0/1')?.description).toBe('to core');
    // Back in operational mode.
    expect((await session.run('show vlans')).output).toMatch(/default-switch\s+BLUE\s+30/);
  });

  it('a failed commit check is reported on the commit check output, rolled back, and nothing is committed', async () => {
    const device = fresh();
    const session = await connect(device);
    const before = device.junosState.active;
    const outputs = await session.runConfig(['set vlans GUESTS vlan-id 10']); // USERS already has 10
    expect(outputs.map((o) => [o.command, o.errorMarker])).toEqual([
      ['set vlans GUESTS vlan-id 10', null],
      ['commit check', 'error:'],
    ]);
    expect(outputs[1]!.output).toContain('l2ald: Duplicate vlan-id exists for vlan USERS');
    expect(device.commandLog.slice(-3)).toEqual(['commit check', 'rollback 0', 'exit configuration-mode']);
    expect(device.commandLog).not.toContain('commit');
    expect(device.junosState.active).toBe(before);
    expect(device.junosState.shared).toBeNull();
    expect((await session.run('show configuration | display set')).output).not.toContain('GUESTS');
  });

  it('stops at a syntax error, discards the candidate with rollback 0 and never commits', async () => {
    const device = fresh();
    const session = await connect(device);
    const outputs = await session.runConfig(['set vlans RED vlan-id 40', 'set vlans RED frobnicate', 'set vlans GREEN vlan-id 41']);
    expect(outputs).toHaveLength(2);
    expect(outputs[1]).toMatchObject({ command: 'set vlans RED frobnicate', errorMarker: 'syntax error' });
    expect(outputs[1]!.output).toMatch(/^ +\^\nsyntax error\.$/);
    expect(device.commandLog.slice(-3)).toEqual(['set vlans RED frobnicate', 'rollback 0', 'exit configuration-mode']);
    expect(device.commandLog).not.toContain('set vlans GREEN vlan-id 41');
    expect(device.junosState.active.vlans.has('RED')).toBe(false);
  });

  it('when onSent throws, the candidate is rolled back and config mode left', async () => {
    const device = fresh();
    const session = await connect(device);
    const journalDown = new Error('journal unavailable');
    await expect(session.runConfig(['set vlans A vlan-id 50', 'set vlans B vlan-id 51'], (c) => { if (c.includes(' B ')) throw journalDown; })).rejects.toBe(journalDown);
    expect(device.commandLog.slice(-3)).toEqual(['set vlans A vlan-id 50', 'rollback 0', 'exit configuration-mode']);
    expect(device.junosState.active.vlans.has('A')).toBe(false);
    expect((await session.run('show system uptime')).errorMarker).toBeNull();
  });

  it('follows the prompt when a commit renames the host', async () => {
    const device = fresh();
    const session = await connect(device);
    await session.runConfig(['set system host-name core-r1.ams']);
    expect(device.hostname).toBe('core-r1.ams');
    const out = await session.run('show version');
    expect(out.output).toContain('Hostname: core-r1.ams');
    expect(await session.runningConfig()).toContain('set system host-name core-r1.ams');
  });

  it('refuses to start a batch while another user has uncommitted shared changes: COMMAND_ERROR, nothing sent', async () => {
    const device = fresh();
    const other = await openRawShell(device);
    await other.until(/> $/);
    other.send('configure\n');
    await other.until(/# $/);
    other.send('set vlans THEIRS vlan-id 99\n');
    await other.until(/# $/);
    const session = await connect(device);
    const sent: string[] = [];
    const err = await session.runConfig(['set vlans OURS vlan-id 98'], (c) => void sent.push(c)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_ERROR', message: expect.stringContaining('configure private') });
    expect((err as { details: { output: string } }).details.output).toContain('error: shared configuration database modified');
    expect(sent).toEqual([]);
    expect(device.commandLog).not.toContain('set vlans OURS vlan-id 98');
    // Their edit is neither committed nor discarded by us.
    expect(device.junosState.shared?.vlans.get('THEIRS')?.id).toBe(99);
    expect(device.junosState.active.vlans.has('THEIRS')).toBe(false);
    other.send('rollback 0\n');
    await other.until(/# $/);
    await other.close();
    expect((await session.runConfig(['set vlans OURS vlan-id 98'])).at(-1)).toMatchObject({ command: 'commit', errorMarker: null });
  });

  it('a device hanging mid-batch: COMMAND_TIMEOUT, and the private candidate dies with the session', async () => {
    const device = fresh();
    const session = await connect(device, { connectMs: 5000, commandMs: 5000, idleMs: 300 });
    const err = await session.runConfig(['set vlans HALF vlan-id 60'], () => device.setFault({ kind: 'hang' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: false });
    device.setFault(null);
    expect(device.junosState.active.vlans.has('HALF')).toBe(false);
    expect(device.junosState.shared).toBeNull();
  });

  it('answers ---(more N%)--- when the device keeps paging, leaving no trace in the output', async () => {
    const device = fresh();
    const session = await connect(device);
    const unpaged = (await session.run('show configuration')).output;
    device.setFault({ kind: 'ignoreTerminalLength' });
    const paged = await session.run('show configuration');
    expect(unpaged.split('\n').length).toBeGreaterThan(30);
    expect(paged.output).toBe(unpaged);
  });

  it('returns the running config as set commands; the commit stamp is diff noise', async () => {
    const device = fresh();
    const session = await connect(device);
    const config = await session.runningConfig();
    expect(config.split('\n')[0]).toBe('set version 21.4R3.15');
    expect(config).toContain(`set system host-name ${device.name}`);
    const before = (await session.run('show configuration')).output;
    await new Promise((r) => setTimeout(r, 1100)); // the stamp has one-second resolution
    await session.runConfig(['set vlans USERS vlan-id 10']); // a commit that changes nothing
    const after = (await session.run('show configuration')).output;
    expect(after).not.toBe(before);
    expect(after.split('\n')[0]).toMatch(/^## Last commit: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by netops$/);
    expect(stripNoise(after, juniperJunosDriver.diffNoisePatterns)).toBe(stripNoise(before, juniperJunosDriver.diffNoisePatterns));
  });

  it('masks the login password when the device shows it in clear', async () => {
    const device = fresh();
    device.setFault({ kind: 'echoSecrets' });
    const session = await connect(device);
    const config = await session.runningConfig();
    expect(config).toContain('authentication plain-text-password-value ********');
    expect(config).not.toContain(device.password);
  });
});
