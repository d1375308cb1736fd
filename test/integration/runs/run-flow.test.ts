import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun } from '../../../src/core/approvals/decide-approval.ts';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';

const BROKEN_POST_CHECK = `
name: add-loopback-broken
platforms: [cisco_ios]
params:
  number: { type: integer, min: 0, max: 2147483647, required: true }
stages:
  implementation:
    - mode: config
      commands: [ 'interface Loopback{{number}}', 'description will-be-rolled-back' ]
  post_check:
    - command: show interfaces Loopback{{number}}
      expect: { contains: 'this text never appears' }
  rollback:
    - mode: config
      commands: [ 'no interface Loopback{{number}}' ]
`;

describe.each(testProviders)('a run end to end on %s', (provider) => {
  let t: TestApp;
  const post = (token: string, body: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${token}` }, payload: body as object });
  const get = (url: string, token = t.tokens.operator) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await createTestApp({ provider, devices: 3 });
    await importWorkflow(t.ctx, BROKEN_POST_CHECK, 'test');
  });
  afterAll(async () => t?.close());

  it('runs show-version from POST /api/v1/runs to stored command results', async () => {
    const res = await post(t.tokens.operator, { workflow: 'show-version', target: 'lab-ios-1' });
    expect(res.statusCode).toBe(202);
    const created = res.json();
    expect(created).toMatchObject({ status: 'queued', workflow: 'show-version', target: 'lab-ios-1', devices: ['lab-ios-1'] });
    expect(await waitForRun(t, created.id)).toBe('succeeded');

    const detail = (await get(`/api/v1/runs/${created.id}`)).json();
    expect(detail.id).toBe(created.id);
    expect(detail.status).toBe('succeeded');
    const [execution] = detail.executions;
    expect(execution).toMatchObject({ device: 'lab-ios-1', status: 'succeeded' });
    expect(execution.stages.map((s: { stage: string }) => s.stage)).toEqual(['pre_check', 'implementation', 'post_check']);
    const version = execution.stages[1].commands[0];
    expect(version).toMatchObject({ command: 'show version', verdict: 'passed' });
    expect(version.output).toContain('Cisco IOS Software');
    expect(version.output).not.toContain('lab-ios-1#'); // the prompt is not part of the output
    // the same run is reachable by its number
    expect((await get(`/api/v1/runs/${detail.number}`)).json().id).toBe(created.id);
    // a device seen for the first time has its host key pinned
    expect((await t.ctx.devices.findByName('lab-ios-1'))?.hostKeyFingerprint).toMatch(/^SHA256:/);
  });

  it('waits for approval, then changes the device and records a config diff', async () => {
    const res = await post(t.tokens.operator, { workflow: 'add-loopback', target: 'lab-ios-2', params: { number: 100 } });
    expect(res.statusCode).toBe(202);
    const run = res.json();
    expect(run.status).toBe('pending_approval');
    expect(t.lab.device('lab-ios-2').commandLog).toEqual([]); // nothing reaches the device before approval

    const approver = (await t.ctx.users.findByName('approver'))!;
    await approveRun(t.ctx.approvalDeps, { id: run.id }, approver, 'looks good');
    expect(await waitForRun(t, run.id)).toBe('succeeded');

    const detail = (await get(`/api/v1/runs/${run.id}`)).json();
    expect(detail.approval).toMatchObject({ decided_by: 'approver', comment: 'looks good' });
    const execution = detail.executions[0];
    expect(execution.stages.find((s: { stage: string }) => s.stage === 'implementation').commands.map((c: { command: string }) => c.command)).toEqual([
      'interface Loopback100', 'description created-by-netops',
    ]);
    expect(execution.diff).toContain('+interface Loopback100');
    expect(execution.diff).not.toMatch(/Last configuration change/);
    const config = t.lab.device('lab-ios-2').commandLog.join('\n');
    expect(config).toContain('interface Loopback100');
    // stored snapshots keep the lines but not the secrets (enable secret, user secrets)
    const snapshots = await t.ctx.runs.snapshots(execution.id);
    expect(snapshots.map((s) => s.kind)).toEqual(['before', 'after']);
    expect(snapshots[0]!.content).toMatch(/enable secret \d <masked>/);
    expect(snapshots[0]!.content).not.toMatch(/secret \d \$/);
  });

  it('rolls back when the post-check fails and leaves the device as it was', async () => {
    const res = await post(t.tokens.operator, { workflow: 'add-loopback-broken', target: 'lab-ios-3', params: { number: 77 } });
    expect(await waitForRun(t, res.json().id)).toBe('failed');
    const detail = (await get(`/api/v1/runs/${res.json().id}`)).json();
    const execution = detail.executions[0];
    expect(execution.status).toBe('rolled_back');
    expect(execution.error).toContain('post_check failed');
    expect(execution.stages.map((s: { stage: string }) => s.stage)).toEqual(['implementation', 'post_check', 'rollback']);
    expect(execution.stages[2]).toMatchObject({ status: 'passed' });
    expect(execution.diff).toBeNull(); // rolled back: running config equals the one before
    const log = t.lab.device('lab-ios-3').commandLog;
    expect(log).toContain('no interface Loopback77');
  });

  it('dry-runs a change: renders every command, runs only pre_check, never enters config mode', async () => {
    const device = t.lab.device('lab-ios-3');
    const before = device.commandLog.length;
    const res = await post(t.tokens.operator, { workflow: 'add-loopback', target: 'lab-ios-3', params: { number: 909 }, dry_run: true });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', dry_run: true }); // no approval for a dry run
    expect(await waitForRun(t, res.json().id)).toBe('succeeded');
    const execution = (await get(`/api/v1/runs/${res.json().id}`)).json().executions[0];
    const byStage = Object.fromEntries(execution.stages.map((s: { stage: string; status: string; commands: { command: string }[] }) => [s.stage, s]));
    expect(byStage.pre_check.status).toBe('passed');
    expect(byStage.implementation).toMatchObject({ status: 'skipped' });
    expect(byStage.implementation.commands.map((c: { command: string }) => c.command)).toEqual(['interface Loopback909', 'description created-by-netops']);
    expect(byStage.rollback.commands[0].command).toBe('no interface Loopback909');
    const sent = device.commandLog.slice(before);
    expect(sent).not.toContain('configure terminal');
    expect(sent.some((c) => c.includes('Loopback909'))).toBe(false);
  });

  it('reaches a device through a jump host and pins the bastion key too', async () => {
    const [, bastion, target] = t.lab.devices;
    await t.ctx.devices.upsert({ name: 'bastion-1', host: bastion!.host, port: bastion!.port, platform: 'cisco_ios', credentialName: 'lab' });
    await t.ctx.devices.upsert({ name: 'behind-bastion', host: target!.host, port: target!.port, platform: 'cisco_ios', credentialName: 'lab', jumpHostName: 'bastion-1' });
    const res = await post(t.tokens.operator, { workflow: 'show-version', target: 'behind-bastion' });
    expect(await waitForRun(t, res.json().id)).toBe('succeeded');
    expect((await t.ctx.devices.findByName('bastion-1'))?.hostKeyFingerprint).toBe(bastion!.hostKeyFingerprint);
    expect((await t.ctx.devices.findByName('behind-bastion'))?.hostKeyFingerprint).toBe(target!.hostKeyFingerprint);
  });

  it('fails an execution on an unreachable device with the reason, within the timeout', async () => {
    await t.ctx.devices.upsert({ name: 'dead-1', host: '127.0.0.1', port: 1, platform: 'cisco_ios', credentialName: 'lab' });
    const started = Date.now();
    const res = await post(t.tokens.operator, { workflow: 'show-version', target: 'dead-1' });
    expect(await waitForRun(t, res.json().id)).toBe('failed');
    const execution = (await get(`/api/v1/runs/${res.json().id}`)).json().executions[0];
    expect(execution).toMatchObject({ status: 'failed', error_code: 'CONNECT_REFUSED' });
    expect(execution.error).toContain('dead-1');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('fails an execution whose device stops answering, with COMMAND_TIMEOUT', async () => {
    t.lab.device('lab-ios-1').setFault({ kind: 'hang' });
    try {
      const res = await post(t.tokens.operator, { workflow: 'show-version', target: 'lab-ios-1' });
      expect(await waitForRun(t, res.json().id)).toBe('failed');
      const execution = (await get(`/api/v1/runs/${res.json().id}`)).json().executions[0];
      expect(execution.status).toBe('failed');
      expect(['COMMAND_TIMEOUT', 'PROMPT_NOT_DETECTED']).toContain(execution.error_code);
    } finally {
      t.lab.device('lab-ios-1').setFault(null);
    }
  });

  it('refuses bad input with 4xx naming the field, and queues nothing', async () => {
    const before = (await get('/api/v1/runs')).json().total;
    const cases: [unknown, number, string, string][] = [
      [{ workflow: 'nope', target: 'lab-ios-1' }, 404, 'WORKFLOW_NOT_FOUND', 'workflow'],
      [{ workflow: 'show-version', target: 'ghost-router' }, 404, 'DEVICE_NOT_FOUND', 'ghost-router'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1', params: { number: -1 } }, 400, 'PARAM_INVALID', 'number'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 'abc' } }, 400, 'PARAM_INVALID', 'number'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1', params: { number: '1\nreload' } }, 400, 'PARAM_INVALID', 'number'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 5, description: 'x\r\nreload' } }, 400, 'PARAM_INVALID', 'description'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 5, colour: 'red' } }, 400, 'PARAM_UNKNOWN', 'colour'],
      [{ workflow: 'add-loopback', target: 'lab-ios-1' }, 400, 'PARAM_MISSING', 'number'],
      [{ target: 'lab-ios-1' }, 400, 'VALIDATION_FAILED', 'workflow'],
    ];
    for (const [body, status, code, mention] of cases) {
      const res = await post(t.tokens.operator, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      const err = res.json().error;
      expect(err.code, JSON.stringify(body)).toBe(code);
      expect(JSON.stringify(err), JSON.stringify(body)).toContain(mention);
    }
    expect((await get('/api/v1/runs')).json().total).toBe(before);
  });

  it('requires a token and the operator role to start runs', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/runs', payload: { workflow: 'show-version', target: 'lab-ios-1' } });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    const viewer = await post(t.tokens.viewer, { workflow: 'show-version', target: 'lab-ios-1' });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.message).toContain('operator');
    expect((await get('/api/v1/devices', t.tokens.viewer)).json().items.map((d: { name: string }) => d.name)).toContain('lab-ios-1');
  });
});
