import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('dashboard and credentials', () => {
  let t: TestApp;
  let admin: WebClient;
  let approver: WebClient;
  let operator: WebClient;
  let viewer: WebClient;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [admin, approver, operator, viewer] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'approver'), loggedIn(t, 'operator'), loggedIn(t, 'viewer')]);
  });
  afterAll(async () => t?.close());

  it('lists pending approvals with buttons for approvers, and approving there refreshes the panel', async () => {
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 9 }, source: 'web', requester: { id: null, name: 'operator', role: 'operator' } });
    const forViewer = await viewer.get('/');
    expect(forViewer.body).toContain(`<a href="/runs/${run.number}">#${run.number}</a> <strong>add-loopback</strong>`);
    expect(forViewer.body).not.toContain(`hx-post="/runs/${run.number}/approve"`);
    const forApprover = await approver.get('/');
    expect(forApprover.body).toContain(`hx-post="/runs/${run.number}/approve"`);
    const res = await approver.post(`/runs/${run.number}/approve`, { view: 'dashboard' }, { htmx: 'dashboard-live' });
    expect(res.statusCode).toBe(200);
    expect(res.body.trimStart()).toMatch(/^<div id="dashboard-live"/);
    expect(res.body).toContain(`Run #${run.number} approved.`);
    expect(res.body).toContain('Nothing waits for a decision.');
    expect(res.body).toMatch(new RegExp(`#${run.number}</a> <span class="badge badge-wait">queued</span>`));
  });

  it('draws runs per day for 14 days as SVG, and counts devices by status', async () => {
    const wf = (await t.ctx.workflows.findCurrent('show-version'))!;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    const add = (n: number, status: string, daysAgo: number) => t.ctx.db.prisma.run.create({
      data: { number: 500 + n, workflowId: wf.workflowId, workflowVersionId: wf.versionId, target: 'x', status, source: 'api', requesterName: 'x', createdAt: at(daysAgo) },
    });
    await Promise.all([add(1, 'succeeded', 0), add(2, 'failed', 0), add(3, 'succeeded', 3), add(4, 'partially_failed', 3), add(5, 'succeeded', 20)]);
    const page = await viewer.get('/');
    const svg = page.body.slice(page.body.indexOf('<svg'), page.body.indexOf('</svg>'));
    expect(svg.match(/<g>/g)).toHaveLength(14);
    expect(svg).toContain(`<title>${at(3).toISOString().slice(0, 10)}: 1 succeeded, 1 failed, 0 other</title>`);
    expect(svg).toContain('class="bar-ok"');
    expect(svg).toContain('class="bar-bad"');
    expect(page.body).toMatch(/succeeded \(2\)[\s\S]*failed \(2\)/); // the 20-day-old run is outside the window
    expect(page.body).toContain('#502</a> <span class="badge badge-bad">failed</span>');
    expect(page.body).toMatch(/<span class="badge badge-idle">unknown<\/span><\/a><\/td><td class="num">1<\/td>/);
    const live = await viewer.get('/dashboard/live', { htmx: 'dashboard-live' });
    expect(live.body).not.toContain('<svg');
  });

  it('keeps credential secrets write-only', async () => {
    expect((await viewer.get('/credentials')).statusCode).toBe(403);
    const list = await operator.get('/credentials');
    expect(list.body).toContain('<strong>lab</strong>');
    expect(list.body).not.toContain('Add or update a credential');
    expect((await operator.post('/credentials', { name: 'x', username: 'y' })).statusCode).toBe(403);
    await admin.get('/credentials');
    const bad = await admin.post('/credentials', { name: 'core', username: '', password: 'S3cret-value!' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).not.toContain('S3cret-value!');
    const ok = await admin.post('/credentials', { name: 'core', username: 'netops', password: 'S3cret-value!', enable_secret: 'En-able-9' });
    expect(ok.statusCode).toBe(303);
    const page = await admin.get('/credentials');
    expect(page.body).toContain('Credential core created.');
    expect(page.body).not.toContain('S3cret-value!');
    expect(page.body).not.toContain('En-able-9');
    expect(page.body).toMatch(/<strong>core<\/strong>[\s\S]*<span class="tag">password<\/span><span class="tag">enable secret<\/span>/);
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'credential.created' } });
    expect(JSON.stringify(audit)).not.toContain('S3cret-value!');
    // an update without a password keeps the stored one
    await admin.post('/credentials', { name: 'core', username: 'netops2' });
    const endpoint = await t.ctx.db.prisma.credential.findUnique({ where: { name: 'core' } });
    expect(t.ctx.box.decrypt(endpoint!.passwordEnc!)).toBe('S3cret-value!');
  });
});
