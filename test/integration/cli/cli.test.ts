import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { runCli } from '../../helpers/run-cli.ts';

describe('netops CLI (as a subprocess, on the same database and Redis as a running worker)', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'netops-cli-'));
  beforeAll(async () => {
    t = await createTestApp({ devices: 2 });
  });
  afterAll(async () => t?.close());

  it('runs a workflow with --wait, printing each stage and command, exit 0', async () => {
    const r = await runCli(['run', 'show-version', '--on', 'lab-ios-1', '--wait'], t.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[lab-ios-1\] pre_check\n\s+✓ show clock/);
    expect(r.stdout).toContain('✓ show version');
    expect(r.stdout).toContain('Cisco IOS Software');
    expect(r.stdout).toMatch(/Run #\d+ succeeded\./);
  });

  it('prints the whole run as JSON with --json and exits 1 when the run did not succeed', async () => {
    t.lab.device('lab-ios-2').setFault({ kind: 'rejectAuth' });
    try {
      const r = await runCli(['run', 'show-version', '--on', 'lab-ios-2', '--wait', '--json'], t.env);
      expect(r.code).toBe(1);
      const run = JSON.parse(r.stdout);
      expect(Object.keys(run).slice(0, 2)).toEqual(['id', 'status']);
      expect(run.status).toBe('failed');
      expect(run.executions[0]).toMatchObject({ device: 'lab-ios-2', status: 'failed', error_code: 'AUTH_FAILED' });
    } finally {
      t.lab.device('lab-ios-2').setFault(null);
    }
  });

  it('exits 2 with a message naming the problem on bad input, and queues nothing', async () => {
    const before = (await t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;
    const bad: [string[], RegExp][] = [
      [['run', 'add-loopback', '--on', 'lab-ios-1', 'number=1\nreload'], /line break/],
      [['run', 'add-loopback', '--on', 'lab-ios-1', 'number=99999999999'], /number/],
      [['run', 'add-loopback', '--on', 'lab-ios-1', 'number'], /key=value/],
      [['run', 'nope', '--on', 'lab-ios-1'], /No workflow named "nope"/],
      [['run', 'show-version', '--on', 'ghost'], /No device named "ghost"/],
      [['run', 'show-version'], /--on/],
      [['approve', 'not-a-run'], /run/],
    ];
    for (const [args, message] of bad) {
      const r = await runCli(args, t.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await t.ctx.runs.list({}, { page: 1, perPage: 1 })).total).toBe(before);
    const config = await runCli(['migrate'], { ...t.env, SSH_COMMAND_TIMEOUT_MS: 'soon' });
    expect(config.code).toBe(2);
    expect(config.stderr.trim().split('\n')).toHaveLength(1);
    expect(config.stderr).toContain('SSH_COMMAND_TIMEOUT_MS');
  });

  it('adds users, credentials from stdin, devices, imports devices and workflows', async () => {
    expect((await runCli(['user', 'add', 'alice', '--role', 'approver', '--slack-id', 'U123'], t.env)).code).toBe(0);
    expect((await runCli(['user', 'add', 'bob', '--role', 'wizard'], t.env)).code).toBe(2);
    const token = await runCli(['token', 'create', 'alice'], t.env);
    expect(token.stdout.trim()).toMatch(/^nto_[A-Za-z0-9_-]{20,}$/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/workflows', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(me.statusCode).toBe(200);

    const cred = await runCli(['credential', 'add', 'core', '--username', 'ops', '--password-stdin', '--enable-secret-stdin'], t.env, 'pw-secret-1\nen-secret-2\n');
    expect(cred.code).toBe(0);
    const stored = await t.ctx.db.prisma.credential.findUniqueOrThrow({ where: { name: 'core' } });
    expect(JSON.stringify(stored)).not.toContain('pw-secret-1'); // encrypted at rest
    expect(t.ctx.box.decrypt(stored.passwordEnc!)).toBe('pw-secret-1');

    expect((await runCli(['device', 'add', 'edge-1', '--host', '10.0.0.1', '--platform', 'cisco_ios', '--credential', 'core', '--tag', 'edge', '--site', 'ams1'], t.env)).code).toBe(0);
    const csv = join(dir, 'devices.csv');
    writeFileSync(csv, 'name,host,port,platform,credential,site,tags\nsw-1,10.0.1.1,22,cisco_ios,core,ams1,access;floor1\nsw-2,10.0.1.2,,cisco_ios,core,ams1,access\n');
    const imported = await runCli(['device', 'import', csv], t.env);
    expect(imported.stdout).toContain('Imported 2 device(s): 2 created');
    expect((await t.ctx.devices.findByName('sw-1'))?.tags).toEqual(['access', 'floor1']);

    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, 'name,host,platform\nok-1,10.0.2.1,cisco_ios\nbad 2,10.0.2.2,cisco_ios\nbad-3,10.0.2.3,windows\n');
    const rejected = await runCli(['device', 'import', badCsv], t.env);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('row 3 name');
    expect(rejected.stderr).toContain('row 4 platform');
    expect(await t.ctx.devices.findByName('ok-1')).toBeNull(); // all or nothing

    const exported = await runCli(['workflow', 'export', 'add-loopback'], t.env);
    expect(exported.stdout).toContain('name: add-loopback');
    const file = join(dir, 'wf.yaml');
    writeFileSync(file, exported.stdout.replace('created-by-netops', 'by-cli'));
    expect((await runCli(['workflow', 'import', file], t.env)).stdout).toContain('updated to version 2');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'name: x\nplatforms: [cisco_ios]\nstages:\n  implementation:\n    - command: show {{nope}}\n');
    const refused = await runCli(['workflow', 'import', broken], t.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nope');
  }, 120_000); // a dozen CLI processes, each starting Node + tsx: slow on 2 busy cores
});
