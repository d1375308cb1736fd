import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../src/core/runs/request-run.ts';
import { isFinalExecutionStatus } from '../../src/core/runs/run-status.ts';
import { applyMigrations } from '../../src/db/migrator.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';
import { freshTestDatabaseUrl, type TestDatabaseUrl } from '../helpers/test-db.ts';
import { until } from './helpers/processes.ts';
import { TcpProxy } from './helpers/tcp-proxy.ts';

const OUTAGE_MS = 10_000;
const requester = { id: null, name: 'operator', role: 'operator' as const };

describe.skipIf(!process.env.TEST_POSTGRES_URL)('PostgreSQL unavailable for 10 s (behind a TCP proxy the test cuts; skipped: TEST_POSTGRES_URL is not set)', () => {
  let t: TestApp;
  let db: TestDatabaseUrl;
  let proxy: TcpProxy;
  beforeAll(async () => {
    db = freshTestDatabaseUrl('postgresql');
    await applyMigrations(db.url);
    const direct = new URL(db.url);
    proxy = await new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) }).start();
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    t = await createTestApp({
      provider: 'postgresql', devices: 6,
      env: { DATABASE_URL: proxied.toString(), RUN_FANOUT_CONCURRENCY: '2', WORKER_CONCURRENCY: '2' },
    });
  }, 60_000);
  afterAll(async () => {
    if (proxy && !proxy.listening) await proxy.restore();
    await t?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 DATABASE_UNAVAILABLE meanwhile, and the worker resumes the run in flight once the database is back', async () => {
    for (const d of t.lab.devices) d.setFault({ kind: 'slow', delayMs: 150 });
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'tag:lab', params: {}, source: 'api', requester });
    await until('a device done', async () => (await t.ctx.runs.executions(run.id)).some((e) => isFinalExecutionStatus(e.status)), 30_000);

    await proxy.cut();
    const cutAt = Date.now();
    const asked = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow: 'show-version', target: 'lab-ios-1' } });
    const answeredMs = Date.now() - asked;
    expect(res.statusCode, res.body).toBe(503);
    const err = (res.json() as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('DATABASE_UNAVAILABLE');
    expect(err.message.toLowerCase()).toContain('database');
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    for (const d of t.lab.devices) d.setFault(null);
    await proxy.restore();
    const back = Date.now();

    const status = await waitForRun(t, run.id, 90_000);
    const executions = await t.ctx.runs.executions(run.id);
    console.log(`[reliability] database down ${OUTAGE_MS} ms: API answered 503 ${err.code} in ${answeredMs} ms; run ${status} ${Date.now() - back} ms after the database was back; executions ${executions.map((e) => e.status).join(',')}`);
    expect(status).toBe('succeeded');
    const next = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester });
    expect(await waitForRun(t, next.run.id, 20_000)).toBe('succeeded');
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  }, 180_000);
});
