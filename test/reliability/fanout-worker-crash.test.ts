import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun } from '../../src/core/approvals/decide-approval.ts';
import { requestRun } from '../../src/core/runs/request-run.ts';
import { isFinalExecutionStatus } from '../../src/core/runs/run-status.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';
import { exited, startWorkerProcess, until } from './helpers/processes.ts';

const DEVICES = 100;

describe('a worker killed with SIGKILL in the middle of a 100-device fan-out', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      devices: DEVICES, worker: false,
      // Never stop the fan-out after a failure: the second worker must take every remaining device.
      env: { WORKER_JOB_LOCK_MS: '1500', DEVICE_LOCK_TTL_MS: '60000', RUN_FANOUT_CONCURRENCY: '20', WORKER_CONCURRENCY: '20', FANOUT_STOP_AFTER_FAILURES: '0' },
    });
  }, 120_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await t?.close();
  });

  it('ends every execution final (interrupted where a change had begun), sends no config command twice, frees every device', async () => {
    const requester = { id: null, name: 'operator', role: 'operator' as const };
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'add-loopback', target: 'tag:lab', params: { number: 777 }, source: 'api', requester });
    await approveRun(t.ctx.approvalDeps, { id: run.id }, { id: null, name: 'approver', role: 'approver' });
    // Slow devices: the kill lands while changes are in flight on many of them.
    for (const d of t.lab.devices) d.setFault({ kind: 'slow', delayMs: 60 });

    const first = startWorkerProcess(t.env);
    children.push(first);
    const executions = async () => t.ctx.runs.executions(run.id);
    await until('a quarter of the devices done and changes in flight', async () => {
      const all = await executions();
      return all.filter((e) => isFinalExecutionStatus(e.status)).length >= DEVICES / 4 && all.some((e) => e.status === 'running' && e.changeStartedAt);
    }, 60_000);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await executions();
    const midChange = atKill.filter((e) => e.status === 'running' && e.changeStartedAt).map((e) => e.id);
    for (const d of t.lab.devices) d.setFault(null);

    children.push(startWorkerProcess(t.env));
    const status = await waitForRun(t, run.id, 90_000);
    const after = await executions();
    console.log(`[reliability] fan-out kill -9: ${midChange.length} execution(s) mid-change at the kill; run ${status}; ` +
      `outcomes ${JSON.stringify(Object.fromEntries([...new Set(after.map((e) => e.status))].map((s) => [s, after.filter((e) => e.status === s).length])))}`);

    expect(after).toHaveLength(DEVICES);
    expect(after.filter((e) => !isFinalExecutionStatus(e.status))).toEqual([]);
    expect(midChange.length).toBeGreaterThan(0);
    for (const id of midChange) expect(after.find((e) => e.id === id)).toMatchObject({ status: 'interrupted', errorCode: 'WORKER_INTERRUPTED' });
    expect(after.filter((e) => !['succeeded', 'interrupted'].includes(e.status))).toEqual([]);
    expect(status).toBe('partially_failed');
    for (const device of t.lab.devices) {
      const sent = device.commandLog.filter((c) => c === 'interface Loopback777').length;
      const execution = after.find((e) => e.deviceName === device.name)!;
      // A change is never re-sent: once for each succeeded device, at most once for an interrupted one.
      expect(sent, `${device.name} (${execution.status})`).toBe(execution.status === 'succeeded' ? 1 : Math.min(sent, 1));
    }
    const prefix = t.env.REDIS_PREFIX!;
    expect(await t.ctx.redis.keys(`${prefix}:device-lock:*`)).toEqual([]);

    // Every device is free: a read-only run on all of them goes through.
    const next = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'tag:lab', params: {}, source: 'api', requester });
    expect(await waitForRun(t, next.run.id, 60_000)).toBe('succeeded');
  }, 240_000);
});
