import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun } from '../../../src/core/approvals/decide-approval.ts';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import type { ExecutionRecord } from '../../../src/core/runs/run-records.ts';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';

const requester = { id: null, name: 'operator', role: 'operator' as const };
const approver = { id: null, name: 'approver', role: 'approver' as const };

/** The most executions that were running at the same moment. */
function maxOverlap(executions: ExecutionRecord[]): number {
  const edges = executions.flatMap((e) => (e.startedAt && e.finishedAt ? [[e.startedAt.getTime(), 1], [e.finishedAt.getTime(), -1]] : []));
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let cur = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (cur += d!));
  return max;
}

describe('fan-out to 50 devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 50, env: { RUN_FANOUT_CONCURRENCY: '8', FANOUT_STOP_AFTER_FAILURES: '0' } });
  });
  afterAll(async () => t?.close());

  it('runs every device with bounded concurrency and aggregates a failure in the middle', async () => {
    t.lab.device('lab-ios-25').setFault({ kind: 'rejectAuth' });
    const { run, devices } = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'tag:lab', params: {}, source: 'api', requester });
    expect(devices).toHaveLength(50);
    expect(await waitForRun(t, run.id, 60_000)).toBe('partially_failed');
    const executions = await t.ctx.runs.executions(run.id);
    expect(executions.filter((e) => e.status === 'succeeded')).toHaveLength(49);
    expect(executions.find((e) => e.deviceName === 'lab-ios-25')).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED' });
    expect(maxOverlap(executions)).toBeLessThanOrEqual(8);
    expect((await t.ctx.runs.get({ id: run.id }))?.error).toBe('1 of 50 device(s) did not succeed');
    t.lab.device('lab-ios-25').setFault(null);
  }, 90_000);

  it('refuses a target whose devices the workflow does not support, by name', async () => {
    await t.ctx.devices.upsert({ name: 'junos-1', host: '127.0.0.1', port: 1, platform: 'juniper_junos', tags: ['lab'] });
    await expect(requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1,junos-1', params: {}, source: 'api', requester }))
      .rejects.toMatchObject({ code: 'PLATFORM_NOT_SUPPORTED', message: expect.stringContaining('junos-1 (juniper_junos)') });
    await t.ctx.db.prisma.device.delete({ where: { name: 'junos-1' } });
  });
});

describe('fan-out safety', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 6, env: { RUN_FANOUT_CONCURRENCY: '2', FANOUT_STOP_AFTER_FAILURES: '1' } });
    await importWorkflow(t.ctx, `
name: broken-change
platforms: [cisco_ios]
stages:
  implementation:
    - mode: config
      commands: [ 'interface Loopback9' ]
  post_check:
    - command: show interfaces Loopback9
      expect: { contains: 'never there' }
  rollback:
    - mode: config
      commands: [ 'no interface Loopback9' ]
`, 'test');
  });
  afterAll(async () => t?.close());

  it('stops starting new devices after the first failed implementation', async () => {
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'broken-change', target: 'tag:lab', params: {}, source: 'api', requester });
    expect(await waitForRun(t, run.id, 30_000)).toBe('failed');
    const executions = await t.ctx.runs.executions(run.id);
    const started = executions.filter((e) => e.status === 'rolled_back');
    const skipped = executions.filter((e) => e.status === 'cancelled');
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThanOrEqual(2); // the concurrency bound: at most 2 were in flight
    expect(skipped.length).toBe(6 - started.length);
    for (const e of skipped) expect(t.lab.device(e.deviceName).commandLog).toEqual([]);
  }, 60_000);

  it('makes a second run on a busy device wait, says which run holds it, then runs it', async () => {
    const device = t.lab.device('lab-ios-1');
    device.setFault({ kind: 'slow', delayMs: 150 });
    const first = await requestRun(t.ctx.requestDeps, { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 501 }, source: 'api', requester });
    await approveRun(t.ctx.approvalDeps, { id: first.run.id }, approver);
    const [firstExecution] = await t.ctx.runs.executions(first.run.id);
    for (let i = 0; i < 200 && (await t.ctx.runs.execution(firstExecution!.id))?.status !== 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    const second = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester });
    const [secondExecution] = await t.ctx.runs.executions(second.run.id);
    let waited: ExecutionRecord | null = null;
    for (let i = 0; i < 200 && !waited; i++) {
      const e = await t.ctx.runs.execution(secondExecution!.id);
      if (e?.status === 'waiting_for_device') waited = e;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(waited?.waitingForRunId).toBe(first.run.id);
    expect(await waitForRun(t, first.run.id, 30_000)).toBe('succeeded');
    device.setFault(null);
    expect(await waitForRun(t, second.run.id, 30_000)).toBe('succeeded');
    const a = await t.ctx.runs.execution(firstExecution!.id);
    const b = await t.ctx.runs.execution(secondExecution!.id);
    expect(b!.startedAt!.getTime()).toBeGreaterThanOrEqual(a!.finishedAt!.getTime() - 5);
  }, 60_000);
});

describe('read-only runs sharing a busy device (READ_ONLY_SHARES_DEVICE=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, env: { READ_ONLY_SHARES_DEVICE: 'true' } });
  });
  afterAll(async () => t?.close());

  it('runs a read-only workflow while a change holds the device, never waiting for it', async () => {
    const device = t.lab.device('lab-ios-1');
    device.setFault({ kind: 'slow', delayMs: 150 });
    const change = await requestRun(t.ctx.requestDeps, { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 777 }, source: 'api', requester });
    await approveRun(t.ctx.approvalDeps, { id: change.run.id }, approver);
    const [changeExecution] = await t.ctx.runs.executions(change.run.id);
    for (let i = 0; i < 200 && (await t.ctx.runs.execution(changeExecution!.id))?.status !== 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    const read = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester });
    expect(await waitForRun(t, read.run.id, 30_000)).toBe('succeeded');
    const [readExecution] = await t.ctx.runs.executions(read.run.id);
    expect(readExecution?.waitingForRunId).toBeNull();
    // it finished while the change was still going
    expect((await t.ctx.runs.get({ id: change.run.id }))?.status).toBe('running');
    device.setFault(null);
    expect(await waitForRun(t, change.run.id, 30_000)).toBe('succeeded');
  }, 60_000);
});
