import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

/** A local webhook receiver (the third party): records requests, answers with `status` and `body`. */
function startReceiver() {
  const seen: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const answer = { status: 200, body: 'thanks <b>received</b>' };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  });
  return { server, seen, answer };
}

describe('webhooks in the web companion', () => {
  let t: TestApp;
  let admin: WebClient;
  let operator: WebClient;
  const receiver = startReceiver();
  let url = '';

  const hook = (name: string) => t.ctx.webhooks.find(name);

  beforeAll(async () => {
    await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/hooks/netops?token=abc`;
    // The SSRF guard refuses loopback unless the allow-list names it (as an operator would for a local receiver).
    t = await createTestApp({ devices: 1, worker: false, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '2000' } });
    await preparePeople(t);
    [admin, operator] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'operator')]);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => receiver.server.close(() => r()));
  });

  it('creates a webhook with events as checkboxes and shows the generated secret exactly once', async () => {
    const form = await admin.get('/webhooks/new');
    expect(form.body).toContain('<input type="checkbox" name="events" value="run.completed" checked>');
    expect(form.body).toContain('<input type="checkbox" name="events" value="execution.*" >');
    const internal = await admin.post('/webhooks', { name: 'inside', url: 'http://10.1.2.3/hook', method: 'POST', events: 'run.completed', active: 'on' });
    expect(internal.statusCode).toBe(422);
    expect(internal.body).toMatch(/id="f-url-error">10\.1\.2\.3 is a private address/);
    const badEvent = await admin.post('/webhooks', { name: 'x', url, events: 'run.exploded', active: 'on' });
    expect(badEvent.body).toContain('must be one of');

    const body = new URLSearchParams({ name: 'chatops', url, method: 'POST', active: 'on', headers: 'X-Team: netops' });
    body.append('events', 'run.completed');
    body.append('events', 'execution.*');
    const res = await t.app.inject({ method: 'POST', url: '/webhooks', headers: { cookie: admin.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, payload: `${body}&_csrf=${encodeURIComponent(admin.csrf)}` });
    expect(res.statusCode).toBe(201);
    const secret = /<code id="generated-secret">(whsec_[A-Za-z0-9_-]+)<\/code>/.exec(res.body)?.[1];
    expect(secret).toBeDefined();
    const saved = (await hook('chatops'))!;
    expect(saved).toMatchObject({ events: ['run.completed', 'execution.*'], headers: { 'X-Team': 'netops' }, hasSecret: true });
    expect(await t.ctx.webhooks.signingSecret(saved.id)).toBe(secret);
    for (const page of [`/webhooks/${saved.id}`, `/webhooks/${saved.id}/edit`, '/webhooks']) expect((await admin.get(page)).body).not.toContain(secret!);
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'webhook.created', objectId: saved.id } });
    expect(audit).toMatchObject({ source: 'web', actorName: 'admin' });
    expect(JSON.stringify(audit)).not.toContain(secret!);
    expect(audit?.newValue).toContain('"headers":["X-Team"]');
  });

  it('tests the webhook against the receiver: status and latency, and the ping joins the history', async () => {
    const id = (await hook('chatops'))!.id;
    const ok = await admin.post(`/webhooks/${id}/test`, {}, { htmx: 'webhook-test' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/data-outcome="ok">The receiver answered <code class="response-code">200<\/code> in <strong>\d+ ms<\/strong>/);
    expect(ok.body).toContain('thanks &lt;b&gt;received&lt;/b&gt;');
    expect(ok.body).toContain('<div id="delivery-table" hx-swap-oob="true">');
    expect(ok.body).toMatch(/<code>ping<\/code><\/td>\s*<td><span class="badge badge-ok">succeeded<\/span>/);
    const ping = receiver.seen.at(-1)!;
    expect(ping.path).toBe('/hooks/netops?token=abc');
    expect(ping.headers['x-netops-signature']).toMatch(/sha256=|t=/);
    expect(ping.headers['x-team']).toBe('netops');

    receiver.answer.status = 503;
    const bad = await admin.post(`/webhooks/${id}/test`, {}, { htmx: 'webhook-test' });
    expect(bad.body).toContain('data-outcome="error"');
    expect(bad.body).toContain('<code class="response-code">503</code>');
    receiver.answer.status = 200;
    expect(await t.ctx.db.prisma.auditEvent.count({ where: { action: 'webhook.tested', objectId: id, source: 'web' } })).toBe(2);
  });

  it('shows the delivery history with codes and excerpts, filters it, and redelivers', async () => {
    const id = (await hook('chatops'))!.id;
    const page = await admin.get(`/webhooks/${id}`);
    expect(page.body).toContain('<code class="response-code">503</code>');
    expect(page.body).toContain('<code class="response-code">200</code>');
    const failed = await admin.get(`/webhooks/${id}?status=failed`, { htmx: 'delivery-table' });
    expect(failed.body.trimStart()).toMatch(/^<div id="delivery-table">/);
    expect(failed.body).toContain('503');
    expect(failed.body).not.toContain('<code class="response-code">200</code>');
    const deliveryId = /id="delivery-([0-9a-f-]{36})"/.exec(failed.body)![1]!;
    const again = await admin.post(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`, {}, { htmx: 'delivery-table' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Event ping queued for delivery again');
    expect(again.body).toContain('<span class="badge badge-wait">pending</span>');
    const { total } = await t.ctx.webhooks.deliveries(id, {}, { page: 1, perPage: 10 });
    expect(total).toBe(3);
  });

  it('edits without touching the write-only secret; a new URL is checked again', async () => {
    const before = (await hook('chatops'))!;
    const secret = await t.ctx.webhooks.signingSecret(before.id);
    const form = await admin.get(`/webhooks/${before.id}/edit`);
    expect(form.body).toContain('<input id="f-secret" name="secret" type="password" autocomplete="new-password" >');
    expect(form.body).toContain('set; leave empty to keep it');
    const res = await admin.post(`/webhooks/${before.id}`, { name: 'chatops', url, method: 'PUT', events: 'run.completed', headers: 'X-Team: netops', secret: '' });
    expect(res.statusCode).toBe(303);
    expect(await hook('chatops')).toMatchObject({ method: 'PUT', events: ['run.completed'], active: false });
    expect(await t.ctx.webhooks.signingSecret(before.id)).toBe(secret);
    const moved = await admin.post(`/webhooks/${before.id}`, { name: 'chatops', url: 'http://169.254.169.254/latest', method: 'PUT', events: 'run.completed' });
    expect(moved.statusCode).toBe(422);
    expect(moved.body).toContain('cloud metadata address');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'webhook.updated', objectId: before.id } });
    expect(audit?.oldValue).toContain('"method":"POST"');
    expect(audit?.newValue).toContain('"method":"PUT"');
  });

  it('masks URLs below admin and keeps changes and tests for admins', async () => {
    const id = (await hook('chatops'))!.id;
    const list = await operator.get('/webhooks');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/<code>PUT http:\/\/127\.0\.0\.1:\d+\/…<\/code>/);
    expect(list.body).not.toContain('token=abc');
    expect(list.body).not.toContain('/webhooks/new');
    const detail = await operator.get(`/webhooks/${id}`);
    expect(detail.body).not.toContain('hx-post="/webhooks/');
    expect((await operator.post(`/webhooks/${id}/test`, {}, { htmx: 'webhook-test' })).statusCode).toBe(403);
    expect((await operator.get('/webhooks/new')).statusCode).toBe(403);
  });

  it('deletes a webhook with its history', async () => {
    const id = (await hook('chatops'))!.id;
    const res = await admin.post(`/webhooks/${id}/delete`);
    expect(res.statusCode).toBe(303);
    expect((await admin.get('/webhooks')).body).toContain('Webhook chatops and its delivery history deleted.');
    expect(await hook('chatops')).toBeNull();
    expect((await admin.get(`/webhooks/${id}`)).statusCode).toBe(404);
  });
});
