import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('requesting a run while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, connections are refused at once.
    t = await createTestApp({ devices: 1, worker: false, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => t?.close());

  it('answers 503 QUEUE_UNAVAILABLE quickly, marks the run failed, sends nothing', async () => {
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` },
      payload: { workflow: 'show-version', target: 'lab-ios-1' },
    });
    expect(res.statusCode).toBe(503);
    const err = res.json().error;
    expect(err.code).toBe('QUEUE_UNAVAILABLE');
    expect(err.message).toContain('nothing was sent');
    expect(Date.now() - started).toBeLessThan(10_000);
    const run = await t.ctx.runs.get({ id: err.details.runId });
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toContain('Redis');
    expect((await t.ctx.runs.executions(err.details.runId))[0]?.status).toBe('cancelled');
    expect(t.lab.device('lab-ios-1').commandLog).toEqual([]);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { database: 'ok' } });
  }, 30_000);
});
