import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('runs in the web companion', () => {
  let t: TestApp;
  let operator: WebClient;
  let approver: WebClient;
  let viewer: WebClient;

  /** Starts a run from the form as the operator; returns its number from the redirect. */
  const startRun = async (workflow: string, form: Record<string, string>) => {
    await operator.get(`/workflows/${workflow}/run`);
    const res = await operator.post(`/workflows/${workflow}/run`, form);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    return Number(String(res.headers.location).replace('/runs/', ''));
  };
  const runId = async (number: number) => (await t.ctx.runs.get({ number }))!.id;

  beforeAll(async () => {
    t = await createTestApp({ devices: 2 });
    await preparePeople(t);
    [operator, approver, viewer] = await Promise.all([loggedIn(t, 'operator'), loggedIn(t, 'approver'), loggedIn(t, 'viewer')]);
  });
  afterAll(async () => t?.close());

  it('starts show-version from the web form; the run page shows stages, commands and outputs once final', async () => {
    const n = await startRun('show-version', { target: 'lab-ios-1' });
    const run = await t.ctx.runs.get({ number: n });
    expect(run).toMatchObject({ source: 'web', requesterName: 'operator' });
    expect(await waitForRun(t, run!.id)).toBe('succeeded');
    const page = await viewer.get(`/runs/${n}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect(page.body).toContain('data-run-status="succeeded"');
    expect(page.body).toContain('<span class="badge badge-ok">succeeded</span>');
    expect(page.body).toMatch(/<h4>Pre-check <span class="badge badge-ok">passed<\/span><\/h4>/);
    expect(page.body).toContain('<code>show version</code>');
    expect(page.body).toContain('Cisco IOS Software');
    expect(page.body).not.toContain('hx-trigger="every 2s"'); // final: the page does not poll
  });

  it('serves the live partial alone, 204 while unchanged, and the same markup the page embeds', async () => {
    const n = await startRun('show-version', { target: 'lab-ios-2', dry_run: 'on' });
    await waitForRun(t, await runId(n));
    const live = await viewer.get(`/runs/${n}/live`, { htmx: 'run-live' });
    expect(live.statusCode).toBe(200);
    expect(live.body).not.toContain('<html');
    expect(live.body.trimStart()).toMatch(/^<section id="run-live"/);
    const page = await viewer.get(`/runs/${n}`);
    expect(page.body).toContain(live.body.trim().slice(0, 200));
    // a poll that carries the current version gets no body: htmx keeps what the reader expanded
    const pending = await startRun('add-loopback', { target: 'lab-ios-2', 'p.number': '61' });
    const first = await viewer.get(`/runs/${pending}/live`, { htmx: 'run-live' });
    expect(first.body).toContain('hx-trigger="every 2s"');
    const version = /\/live\?v=([0-9a-f]+)/.exec(first.body)![1];
    expect((await viewer.get(`/runs/${pending}/live?v=${version}`, { htmx: 'run-live' })).statusCode).toBe(204);
    expect((await viewer.get(`/runs/${pending}/live?v=stale`, { htmx: 'run-live' })).statusCode).toBe(200);
  });

  it('approval with two people: buttons by role, four-eyes, the decision, then the diff tab', async () => {
    const n = await startRun('add-loopback', { target: 'lab-ios-1', 'p.number': '42', 'p.description': 'web test' });
    expect((await t.ctx.runs.get({ number: n }))?.status).toBe('pending_approval');

    const own = await operator.get(`/runs/${n}`);
    expect(own.body).not.toContain(`/runs/${n}/approve`);
    expect(own.body).toContain('Waiting for an approver.');
    expect(own.body).toContain(`/runs/${n}/cancel`); // the requester may cancel
    const read = await viewer.get(`/runs/${n}`);
    expect(read.body).not.toContain(`/runs/${n}/approve`);
    expect(read.body).not.toContain(`/runs/${n}/cancel`);

    const byViewer = await viewer.post(`/runs/${n}/approve`);
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.body).toContain('needs approver or higher');
    const byRequester = await operator.post(`/runs/${n}/approve`, {}, { htmx: 'run-live' });
    expect(byRequester.statusCode).toBe(403);
    expect(byRequester.headers['hx-retarget']).toBe('#flash');
    expect(byRequester.body).toContain('<code class="flash-code">FORBIDDEN</code>');
    const forged = await approver.post(`/runs/${n}/approve`, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await t.ctx.runs.get({ number: n }))?.status).toBe('pending_approval');

    const page = await approver.get(`/runs/${n}`);
    expect(page.body).toContain(`hx-post="/runs/${n}/approve"`);
    const approved = await approver.post(`/runs/${n}/approve`, { comment: 'change window ok' }, { htmx: 'run-live' });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain(`Run #${n} approved.`);
    expect(approved.body.trimStart()).toMatch(/^<section id="run-live"/);
    expect(await waitForRun(t, await runId(n))).toBe('succeeded');

    const done = await viewer.get(`/runs/${n}`);
    expect(done.body).toContain('approver at');
    expect(done.body).toContain('“change window ok”');
    const diff = await viewer.get(`/runs/${n}?tab=diff`);
    expect(diff.body).toContain('<span class="d-add">+interface Loopback42</span>');
    expect(diff.body).toContain('<span class="d-add">+ description web test</span>');
    expect(diff.body).toContain('<span class="d-meta">--- lab-ios-1 (before)</span>');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'run.approved', objectId: await runId(n) } });
    expect(audit).toMatchObject({ source: 'web', actorName: 'approver' });
  });

  it('an approver cannot approve their own request (four-eyes), and is told so', async () => {
    await approver.get('/workflows/add-loopback/run');
    const res = await approver.post('/workflows/add-loopback/run', { target: 'lab-ios-2', 'p.number': '45' });
    const n = Number(String(res.headers.location).replace('/runs/', ''));
    const page = await approver.get(`/runs/${n}`);
    expect(page.body).toContain('You requested this run: another approver must approve it.');
    expect(page.body).not.toContain(`/runs/${n}/approve`);
    const self = await approver.post(`/runs/${n}/approve`, {}, { htmx: 'run-live' });
    expect(self.statusCode).toBe(403);
    expect(self.body).toContain('SELF_APPROVAL_FORBIDDEN');
    expect((await t.ctx.runs.get({ number: n }))?.status).toBe('pending_approval');
  });

  it('rejects with a reason and lets the requester cancel; a plain form gets a redirect', async () => {
    const a = await startRun('add-loopback', { target: 'lab-ios-1', 'p.number': '43' });
    const rejected = await approver.post(`/runs/${a}/reject`, { reason: 'not today' });
    expect(rejected.statusCode).toBe(303);
    expect(rejected.headers.location).toBe(`/runs/${a}`);
    expect(await t.ctx.runs.get({ number: a })).toMatchObject({ status: 'rejected', decisionComment: 'not today' });
    const again = await approver.post(`/runs/${a}/approve`, {}, { htmx: 'run-live' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('is rejected by approver');

    const b = await startRun('add-loopback', { target: 'lab-ios-1', 'p.number': '44' });
    const cancelled = await operator.post(`/runs/${b}/cancel`, {}, { htmx: 'run-live' });
    expect(cancelled.body).toContain('<span class="badge badge-idle">cancelled</span>');
    expect(cancelled.body).not.toContain('hx-trigger="every 2s"');
  });

  it('a double-submitted form creates one run (the form nonce is the idempotency key)', async () => {
    const form = await operator.get('/workflows/show-version/run');
    const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)![1]!;
    const one = await operator.post('/workflows/show-version/run', { target: 'lab-ios-1', nonce });
    const two = await operator.post('/workflows/show-version/run', { target: 'lab-ios-1', nonce });
    expect(one.headers.location).toBe(two.headers.location);
  });

  it('shows param and target problems on the form with what each field accepts', async () => {
    const form = await operator.get('/workflows/add-loopback/run');
    expect(form.body).toMatch(/<input id="p-number" name="p.number" type="number" value="" required\s+min="0"\s+max="2147483647"/);
    expect(form.body).toContain('Loopback number · an integer from 0 to 2147483647');
    const missing = await operator.post('/workflows/add-loopback/run', { target: 'lab-ios-1', 'p.number': 'abc' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toMatch(/<span class="error" id="p-number-error">[^<]*integer/);
    const unknown = await operator.post('/workflows/show-version/run', { target: 'no-such-box' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('No device named &quot;no-such-box&quot;');
    expect((await viewer.get('/workflows/show-version/run')).statusCode).toBe(403);
  });

  it('lists runs with filters and pagination; the filter form gets only the table', async () => {
    const all = await viewer.get('/runs');
    expect(all.body).toContain('<form class="filters panel"');
    const ok = await viewer.get('/runs?status=succeeded&workflow=show-version', { htmx: 'run-table' });
    expect(ok.body.trimStart()).toMatch(/^<div id="run-table">/);
    expect(ok.body).not.toContain('<form class="filters');
    expect(ok.body).not.toContain('badge-bad');
    expect(ok.body).toContain('show-version');
    expect(ok.body).not.toContain('add-loopback');
    const rejected = await viewer.get('/runs?status=rejected');
    expect(rejected.body).toContain('add-loopback');
    const byDevice = await viewer.get('/runs?device=lab-ios-2', { htmx: 'run-table' });
    expect(byDevice.body).not.toContain('<code>lab-ios-1</code>');
    const future = await viewer.get('/runs?from=2999-01-01', { htmx: 'run-table' });
    expect(future.body).toContain('No runs match these filters.');
    const today = new Date().toISOString().slice(0, 10);
    expect((await viewer.get(`/runs?from=${today}&to=${today}`, { htmx: 'run-table' })).body).not.toContain('No runs match');
    const bad = await viewer.get('/runs?status=nonsense');
    expect(bad.statusCode).toBe(400);
    // 26 runs → two pages of 25
    for (let i = 0; i < 20; i++) await t.ctx.db.prisma.run.create({ data: { number: 1000 + i, workflowId: (await t.ctx.workflows.findCurrent('show-version'))!.workflowId, workflowVersionId: (await t.ctx.workflows.findCurrent('show-version'))!.versionId, target: 'x', status: 'failed', source: 'api', requesterName: 'bulk' } });
    const p1 = await viewer.get('/runs?requester=bulk', { htmx: 'run-table' });
    expect(p1.body).toContain('1–20 of 20');
    const first = await viewer.get('/runs', { htmx: 'run-table' });
    expect(first.body).toMatch(/1–25 of \d+/);
    expect(first.body).toContain('href="/runs?page&#x3D;2"'); // Handlebars escapes "=" in attributes
    expect((await viewer.get('/runs?page=2', { htmx: 'run-table' })).body).toMatch(/26–\d+ of \d+/);
  });

  it('answers an unknown run with the 404 page', async () => {
    const res = await viewer.get('/runs/99999');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('RUN_NOT_FOUND');
  });
});
