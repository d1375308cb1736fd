import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../src/core/runs/request-run.ts';
import { isFinalExecutionStatus } from '../../src/core/runs/run-status.ts';
import { startScheduleWorker } from '../../src/queue/schedule-worker.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';
import { PrivateRedis } from './helpers/private-redis.ts';
import { until } from './helpers/processes.ts';

const requester = { id: null, name: 'operator', role: 'operator' as const };

/** Kills the test's own redis-server while a 12-device fan-out runs, and starts it again 2 s later on the same port. */
async function restartRedisMidRun(t: TestApp, redis: PrivateRedis): Promise<{ runId: string; downMs: number }> {
  for (const d of t.lab.devices) d.setFault({ kind: 'slow', delayMs: 80 });
  const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'tag:lab', params: {}, source: 'api', requester });
  await until('a few devices done', async () => (await t.ctx.runs.executions(run.id)).filter((e) => isFinalExecutionStatus(e.status)).length >= 3, 30_000);
  const down = Date.now();
  await redis.kill();
  await new Promise((r) => setTimeout(r, 2000));
  await redis.start();
  const downMs = Date.now() - down;
  for (const d of t.lab.devices) d.setFault(null);
  return { runId: run.id, downMs };
}

/** Restarts Redis mid-run, then expects the run and all 12 devices to succeed; logs how long after Redis was back. */
async function runSurvivesRestart(t: TestApp, redis: PrivateRedis, label: string, timeoutMs: number): Promise<void> {
  const { runId, downMs } = await restartRedisMidRun(t, redis);
  const started = Date.now();
  expect(await waitForRun(t, runId, timeoutMs)).toBe('succeeded');
  console.log(`[reliability] Redis (${label}) down ${downMs} ms mid-run: run succeeded ${Date.now() - started} ms after Redis was back`);
  expect((await t.ctx.runs.executions(runId)).map((e) => e.status)).toEqual(Array(12).fill('succeeded'));
}

describe('Redis restarted in the middle of a fan-out (append-only file on, as BullMQ advises)', () => {
  const redis = new PrivateRedis(true);
  let t: TestApp;
  beforeAll(async () => {
    await redis.start();
    t = await createTestApp({ devices: 12, env: { REDIS_URL: redis.url, RUN_FANOUT_CONCURRENCY: '3', WORKER_CONCURRENCY: '3' } });
  });
  afterAll(async () => {
    await t?.close();
    await redis.stop();
  });

  it('finishes the run after reconnecting, every device done, and takes new runs', async () => {
    await runSurvivesRestart(t, redis, 'AOF', 60_000);
    for (const device of t.lab.devices) expect(device.commandLog, device.name).toContain('show version');
    expect(await t.ctx.redis.keys(`${t.env.REDIS_PREFIX}:device-lock:*`)).toEqual([]);
    const next = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester });
    expect(await waitForRun(t, next.run.id, 20_000)).toBe('succeeded');
  }, 120_000);
});

describe('Redis restarted empty in the middle of a fan-out (no persistence: queued jobs and schedules are lost)', () => {
  const redis = new PrivateRedis(false);
  let t: TestApp;
  let schedules: Worker | null = null;
  beforeAll(async () => {
    await redis.start();
    // Fewer worker slots than fan-out slots: execution jobs are waiting in Redis when it dies.
    t = await createTestApp({ devices: 12, env: { REDIS_URL: redis.url, RUN_FANOUT_CONCURRENCY: '6', WORKER_CONCURRENCY: '2' } });
    // The product's schedule worker re-arms every 60 s; this one every 500 ms, so the test need not wait a minute.
    schedules = await startScheduleWorker({ connection: t.ctx.redis, prefix: t.env.REDIS_PREFIX!, deps: t.ctx.scheduleDeps, logger: t.ctx.logger, resyncMs: 500 });
  });
  afterAll(async () => {
    await schedules?.close();
    await t?.ctx.scheduleTimer.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
    await redis.stop();
  });

  it('loses no execution: the ones whose jobs vanished are queued again from the database and the run finishes', async () => {
    await runSurvivesRestart(t, redis, 'empty', 90_000);
  }, 120_000);

  it('arms the stored schedules again without a worker restart', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/schedules', headers: { authorization: `Bearer ${t.tokens.approver}` },
      payload: { name: 'nightly', workflow: 'show-version', target: 'lab-ios-1', cron: '0 3 * * *', timezone: 'UTC' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    expect(await t.ctx.scheduleTimer.armedIds()).toContain(id);
    await redis.kill();
    await redis.start();
    expect(await until('the schedule armed again', async () => (await t.ctx.scheduleTimer.armedIds().catch((): string[] => [])).includes(id), 20_000)).toBe(true);
  }, 60_000);
});
