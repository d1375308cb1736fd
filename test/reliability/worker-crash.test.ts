import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun } from '../../src/core/approvals/decide-approval.ts';
import { requestRun } from '../../src/core/runs/request-run.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';

/** A real `netops worker` process, so that kill -9 is a real crash. */
function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bin/netops.js', 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: 'ignore',
  });
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a worker killed with SIGKILL in the middle of a change', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false, env: { WORKER_JOB_LOCK_MS: '1500', DEVICE_LOCK_TTL_MS: '60000' } });
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await t?.close();
  });

  it('leaves the execution interrupted, never re-sends config, and frees the device', async () => {
    const device = t.lab.device('lab-ios-1');
    const requester = { id: null, name: 'operator', role: 'operator' as const };
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 300 }, source: 'api', requester });
    await approveRun(t.ctx.approvalDeps, { id: run.id }, { id: null, name: 'approver', role: 'approver' });

    // A slow device, so the kill lands while the first config command is in flight.
    device.setFault({ kind: 'slow', delayMs: 400 });
    const first = startWorker({ ...t.env, LOG_LEVEL: 'silent' });
    children.push(first);
    const [execution] = await t.ctx.runs.executions(run.id);
    await until('the change to start', async () => (await t.ctx.runs.execution(execution!.id))?.changeStartedAt);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    device.setFault(null);

    children.push(startWorker({ ...t.env, LOG_LEVEL: 'silent' }));
    expect(await waitForRun(t, run.id, 30_000)).toBe('failed');
    const after = await t.ctx.runs.execution(execution!.id);
    expect(after).toMatchObject({ status: 'interrupted', errorCode: 'WORKER_INTERRUPTED' });
    expect(after?.error).toContain('interface Loopback300');
    expect(after?.error).toContain('Nothing was re-sent');
    expect(device.commandLog.filter((c) => c === 'interface Loopback300')).toHaveLength(1);

    // The device lock of the dead worker was released: the next run on the device goes through.
    const next = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester });
    expect(await waitForRun(t, next.run.id, 20_000)).toBe('succeeded');
  }, 90_000);
});
