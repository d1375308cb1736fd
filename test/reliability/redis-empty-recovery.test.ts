import type { Worker } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileRuns } from '../../src/core/runs/reconcile-runs.ts';
import { startWebhookWorker } from '../../src/queue/webhook-worker.ts';
import { WebhookReceiver } from '../integration/webhooks/webhook-receiver.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const silent = pino({ level: 'silent' });

/**
 * Redis comes back empty (no persistence): every queued job is gone, the database still says what was
 * pending. The run reconciler (worker start-up and every minute) and the webhook worker's recovery put the
 * missing work back; here Redis is "emptied" by deleting every key of this app's prefix.
 */
describe('Redis that comes back empty: approval expiries and webhook deliveries are recovered from the database', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let worker: Worker | null = null;
  const emptyRedis = async () => {
    const keys = await t.ctx.redis.keys(`${t.env.REDIS_PREFIX}:*`);
    if (keys.length > 0) await t.ctx.redis.del(...keys);
  };
  const requestApproval = async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` },
      payload: { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 4242 } },
    });
    expect(res.statusCode, res.body).toBe(202);
    const run = res.json() as { id: string; status: string };
    expect(run.status).toBe('pending_approval');
    return run.id;
  };

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await createTestApp({ devices: 1, worker: false, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_ATTEMPTS: '5' } });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.ctx.webhookQueue.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
    await receiver?.close();
  });

  it('re-arms the expiry of runs pending approval, expires those past their time, and re-queues stored deliveries', async () => {
    const hook = await t.ctx.webhooks.create({ name: 'recover', url: `${receiver.url}/hook`, method: 'POST', events: [], active: true, secret: 'recover-secret-1', headers: {} });
    const waiting = await requestApproval();
    const overdue = await requestApproval();
    // The second one's window closed while Redis was gone (nobody left to expire it).
    await t.ctx.db.prisma.run.update({ where: { id: overdue }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // A delivery that had failed once and was waiting for its retry.
    const retrying = await t.ctx.webhooks.createDelivery({ webhookId: hook.id, event: 'run.completed', payload: JSON.stringify({ runId: 'r-1' }) });
    await t.ctx.webhooks.recordAttempt(retrying.id, { status: 'retrying', responseCode: 500, responseBody: 'x', durationMs: 5, error: '500', nextAttemptAt: new Date(Date.now() + 200) });

    await emptyRedis();
    expect(await t.ctx.queue.approvals.getJob(`expire-${waiting}`)).toBeUndefined();
    const lost = (await t.ctx.webhooks.deliveries(hook.id, {}, { page: 1, perPage: 100 })).items;
    expect(lost.length).toBeGreaterThanOrEqual(3); // run.requested × 2 (or more events) and the retrying one
    for (const d of lost) expect(await t.ctx.webhookQueue.queue.getJob(d.id)).toBeUndefined();

    const result = await reconcileRuns(t.ctx.processorDeps, silent);
    expect(result).toMatchObject({ rearmedExpiries: 1, expiredApprovals: 1 });
    expect((await t.ctx.runs.get({ id: overdue }))?.status).toBe('expired');
    expect((await t.ctx.runs.get({ id: waiting }))?.status).toBe('pending_approval');
    const job = await t.ctx.queue.approvals.getJob(`expire-${waiting}`);
    expect(await job?.getState()).toBe('delayed');
    // Armed for the run's own expiry, not a fresh window.
    const expiresAt = (await t.ctx.runs.get({ id: waiting }))!.expiresAt!.getTime();
    expect(Math.abs(job!.timestamp + (job!.opts.delay ?? 0) - expiresAt)).toBeLessThan(5000);
    // Idempotent: the next minute's pass finds nothing missing.
    expect(await reconcileRuns(t.ctx.processorDeps, silent)).toMatchObject({ rearmedExpiries: 0, expiredApprovals: 0 });

    // The webhook worker starts (as after the outage): every stored delivery reaches the receiver once.
    worker = startWebhookWorker({ connection: t.ctx.redis, prefix: t.env.REDIS_PREFIX!, deps: t.ctx.webhookDeps, logger: silent, recoverEveryMs: 0 });
    const all = async () => (await t.ctx.webhooks.deliveries(hook.id, {}, { page: 1, perPage: 100 })).items;
    await until(async () => (await all()).every((d) => d.status === 'succeeded'));
    const delivered = await all();
    expect(delivered.length).toBeGreaterThan(lost.length); // run.expired came after the outage
    const ids = receiver.requests.map((r) => r.json.delivery).sort();
    expect(ids).toEqual(delivered.map((d) => d.id).sort());
    // The retrying delivery kept its count: one attempt before the outage, one after.
    expect(delivered.find((d) => d.id === retrying.id)?.attempts).toBe(2);
  }, 60_000);
});

async function until(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
