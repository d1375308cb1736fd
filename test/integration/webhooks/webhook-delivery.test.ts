import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../src/core/webhooks/webhook-signature.ts';
import { createApiToken } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';
import { WebhookReceiver, type ReceivedRequest } from './webhook-receiver.ts';

const SECRET = 'whsec_integration-test-secret';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Polls a state that is written after an event we cannot await (the worker storing an attempt). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`state not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const signed = (r: ReceivedRequest, secret = SECRET) =>
  verifyWebhookSignature(secret, String(r.headers['x-netops-timestamp']), r.body, String(r.headers['x-netops-signature']));

describe.each(testProviders)('webhooks on %s: CRUD, signed deliveries with retries, test pings (receiver on 127.0.0.1, allow-listed)', (provider) => {
  let t: TestApp;
  let admin: string;
  const receiver = new WebhookReceiver();
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const createHook = async (body: object) => {
    const res = await api('POST', '/webhooks', admin, { secret: SECRET, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string };
  };
  const startRun = async () => {
    const res = await api('POST', '/runs', t.tokens.operator, { workflow: 'show-version', target: 'lab-ios-1' });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().id as string;
  };

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ provider, devices: 2, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_BASE_MS: '200' } });
    await t.ctx.users.create({ name: 'admin', role: 'admin' });
    admin = await createApiToken(t.ctx, 'admin', 'test');
  });
  afterAll(async () => {
    await t?.ctx.webhookQueue.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
    await receiver.close();
  });

  it('lets admins create, change and delete webhooks; others only look, and never see the secret', async () => {
    const body = { name: 'crud', url: `${receiver.url}/crud?token=abc`, events: ['run.completed'], headers: { 'X-Api-Key': 'k-123' }, active: false };
    for (const token of [t.tokens.viewer, t.tokens.operator, t.tokens.approver]) {
      const res = await api('POST', '/webhooks', token, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const created = await api('POST', '/webhooks', admin, body);
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook).toMatchObject({ name: 'crud', url: body.url, method: 'POST', events: ['run.completed'], active: false, has_secret: true });
    expect(hook.secret).toMatch(/^whsec_/); // generated, shown this once

    const seenByViewer = (await api('GET', `/webhooks/${hook.id}`, t.tokens.viewer)).json();
    expect(seenByViewer).toMatchObject({ url: `${receiver.url}/…`, headers: { 'X-Api-Key': '********' }, has_secret: true });
    expect(JSON.stringify((await api('GET', '/webhooks', t.tokens.viewer)).json())).not.toMatch(/whsec_|k-123|token=abc/);
    expect((await api('GET', '/webhooks/crud', admin)).json()).toMatchObject({ id: hook.id, url: body.url, headers: { 'X-Api-Key': 'k-123' } });
    expect((await api('GET', `/webhooks/${hook.id}`, admin)).json()).not.toHaveProperty('secret');
    const row = await t.ctx.db.prisma.webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.secretEnc).toMatch(/^v1:/); // encrypted at rest
    expect(row.secretEnc).not.toContain(hook.secret.slice(6));
    expect(await t.ctx.webhooks.signingSecret(hook.id)).toBe(hook.secret);

    const patched = await api('PATCH', `/webhooks/${hook.id}`, admin, { events: ['execution.*'], method: 'PUT' });
    expect(patched.json()).toMatchObject({ events: ['execution.*'], method: 'PUT' });
    expect((await api('PATCH', `/webhooks/${hook.id}`, t.tokens.operator, { active: true })).statusCode).toBe(403);
    const badEvent = await api('PATCH', `/webhooks/${hook.id}`, admin, { events: ['run.exploded'] });
    expect(badEvent.statusCode).toBe(400);
    expect(badEvent.json().error.details.issues[0].field).toBe('events.0');
    expect((await api('POST', '/webhooks', admin, { ...body })).statusCode).toBe(409);

    const audit = await t.ctx.audit.list({ objectType: 'webhook', objectId: hook.id }, { page: 1, perPage: 10 });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['webhook.created', 'webhook.updated']);
    expect(JSON.stringify(audit.items)).not.toMatch(/whsec_|k-123/);

    expect((await api('DELETE', `/webhooks/${hook.id}`, admin)).statusCode).toBe(204);
    expect((await api('GET', `/webhooks/${hook.id}`, admin)).statusCode).toBe(404);
  });

  it('delivers a run event signed: the receiver recomputes the HMAC of "{timestamp}.{body}"', async () => {
    const hook = await createHook({ name: 'signed', url: `${receiver.url}/signed`, events: ['run.completed'], headers: { 'X-Team': 'neteng' } });
    const runId = await startRun();
    const got = await receiver.waitFor((r) => r.path === '/signed' && r.json.data.runId === runId);
    expect(signed(got)).toBe(true);
    expect(signed(got, 'whsec_some-other-secret')).toBe(false);
    expect(got.method).toBe('POST');
    expect(got.headers).toMatchObject({ 'x-netops-event': 'run.completed', 'content-type': 'application/json', 'x-team': 'neteng' });
    expect(String(got.headers['x-netops-delivery'])).toMatch(UUID);
    expect(Math.abs(Number(got.headers['x-netops-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(got.json).toMatchObject({ event: 'run.completed', delivery: got.headers['x-netops-delivery'], data: { type: 'run.completed', runId, runStatus: 'succeeded' } });
    expect(Math.floor(new Date(got.json.timestamp).getTime() / 1000)).toBe(Number(got.headers['x-netops-timestamp']));

    const deliveries = await eventually(
      async () => (await api('GET', `/webhooks/${hook.id}/deliveries`, t.tokens.viewer)).json(),
      (p: { items: { status: string }[] }) => p.items[0]?.status === 'succeeded',
    );
    expect(deliveries.items[0]).toMatchObject({ id: got.json.delivery, event: 'run.completed', attempts: 1, response_code: 200, response_excerpt: 'ok' });
    const detail = (await api('GET', `/webhooks/${hook.id}/deliveries/${got.json.delivery}`, t.tokens.viewer)).json();
    expect(detail.payload).toMatchObject({ type: 'run.completed', runId });
    await api('DELETE', `/webhooks/${hook.id}`, admin);
  });

  it('retries a receiver that fails twice, storing every attempt on the delivery (3 attempts, then succeeded)', async () => {
    receiver.answer('/flaky', { status: 503, body: 'down for maintenance' }, { status: 500, body: 'still broken' });
    const hook = await createHook({ name: 'flaky', url: `${receiver.url}/flaky`, events: ['run.requested'] });
    const runId = await startRun();
    const triesOfRun = () => receiver.on('/flaky').filter((r) => r.json.data.runId === runId);
    const third = await receiver.waitFor((r) => r.path === '/flaky' && triesOfRun().length === 3);
    const tries = triesOfRun();
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['x-netops-delivery'])).size).toBe(1); // one delivery, three attempts
    expect(tries.every((r) => signed(r))).toBe(true);
    const delivery = await eventually(
      async () => (await api('GET', `/webhooks/${hook.id}/deliveries/${third.json.delivery}`, admin)).json(),
      (d: { status: string }) => d.status === 'succeeded',
    );
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, response_code: 200, error: null, next_attempt_at: null });
    const log = (delivery as unknown as { attempt_log: { attempt: number; status: string; response_code: number; response_excerpt: string }[] }).attempt_log;
    expect(log.map((a) => [a.attempt, a.status, a.response_code])).toEqual([
      [1, 'retrying', 503], [2, 'retrying', 500], [3, 'succeeded', 200],
    ]);
    expect(log[0]?.response_excerpt).toContain('down for maintenance');
    await api('DELETE', `/webhooks/${hook.id}`, admin);
  });

  it('gives up at once on a 404 and records it as a warning in the audit log', async () => {
    receiver.answer('/gone', { status: 404, body: 'no such hook' });
    const hook = await createHook({ name: 'gone', url: `${receiver.url}/gone`, events: ['run.requested'] });
    await startRun();
    const failed = await eventually(
      async () => (await api('GET', `/webhooks/${hook.id}/deliveries?status=failed`, admin)).json(),
      (p: { items: unknown[] }) => p.items.length === 1,
    );
    expect(failed.items[0]).toMatchObject({ attempts: 1, response_code: 404, response_excerpt: 'no such hook', error: 'HTTP 404' });
    const audit = await eventually(
      () => t.ctx.audit.list({ objectType: 'webhook', objectId: hook.id, level: 'WARNING' }, { page: 1, perPage: 5 }),
      (p) => p.items.length === 1, // count and rows are two reads: wait for the row itself
    );
    expect(audit.items[0]).toMatchObject({ type: 'WEBHOOK', action: 'webhook.delivery_failed', source: 'system' });
    expect(receiver.on('/gone')).toHaveLength(1);
    await api('DELETE', `/webhooks/${hook.id}`, admin);
  });

  it('POST /webhooks/:id/test sends a signed ping and returns status, latency and a ≤1 kB excerpt', async () => {
    const hook = await createHook({ name: 'ping', url: `${receiver.url}/ping`, active: false });
    receiver.answer('/ping', { status: 200, body: 'pong' }, { status: 500, body: 'x'.repeat(5000) });
    expect((await api('POST', `/webhooks/${hook.id}/test`, t.tokens.operator)).statusCode).toBe(403);
    const ok = await api('POST', `/webhooks/${hook.id}/test`, admin);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, status_code: 200, response_excerpt: 'pong', error: null, delivery: { event: 'ping', status: 'succeeded', attempts: 1 } });
    expect(ok.json().duration_ms).toBeGreaterThanOrEqual(0);
    const ping = receiver.on('/ping')[0]!;
    expect(signed(ping)).toBe(true);
    expect(ping.json).toMatchObject({ event: 'ping', data: { webhook: { id: hook.id, name: 'ping' } } });

    const bad = (await api('POST', `/webhooks/ping/test`, admin)).json();
    expect(bad).toMatchObject({ ok: false, status_code: 500, error: 'HTTP 500', delivery: { status: 'failed' } });
    expect(bad.response_excerpt).toHaveLength(1024);
    await api('DELETE', `/webhooks/${hook.id}`, admin);
  });

  it("sends a run's events from run.requested to run.completed, and redelivers one on request", async () => {
    const hook = await createHook({ name: 'all', url: `${receiver.url}/all` });
    const runId = await startRun();
    expect(await waitForRun(t, runId)).toBe('succeeded');
    await receiver.waitFor((r) => r.path === '/all' && r.json.event === 'run.completed' && r.json.data.runId === runId);
    const events = receiver.on('/all').filter((r) => r.json.data.runId === runId).map((r) => r.json.event);
    expect(events).toEqual(expect.arrayContaining(['run.requested', 'run.started', 'execution.started', 'execution.stage_completed', 'execution.succeeded', 'run.completed']));
    expect(receiver.on('/all').every((r) => signed(r))).toBe(true);

    const first = receiver.on('/all').find((r) => r.json.event === 'run.requested' && r.json.data.runId === runId)!;
    expect((await api('POST', `/webhooks/${hook.id}/deliveries/${first.json.delivery}/redeliver`, t.tokens.viewer)).statusCode).toBe(403);
    const again = await api('POST', `/webhooks/${hook.id}/deliveries/${first.json.delivery}/redeliver`, admin);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ event: 'run.requested', status: 'pending', attempts: 0 });
    const redelivered = await receiver.waitFor((r) => r.json.delivery === again.json().id);
    expect(redelivered.json.data).toEqual(first.json.data);
    expect((await api('POST', `/webhooks/${hook.id}/deliveries/00000000-0000-0000-0000-000000000000/redeliver`, admin)).statusCode).toBe(404);
    await api('DELETE', `/webhooks/${hook.id}`, admin);
  });
});
