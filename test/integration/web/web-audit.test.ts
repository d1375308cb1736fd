import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('audit log in the web companion', () => {
  let t: TestApp;
  let admin: WebClient;
  let approver: WebClient;
  let operator: WebClient;

  const entryId = async (action: string) => (await t.ctx.db.prisma.auditEvent.findFirst({ where: { action }, orderBy: { createdAt: 'desc' } }))!.id;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [admin, approver, operator] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'approver'), loggedIn(t, 'operator')]);
  });
  afterAll(async () => t?.close());

  it('is for approvers and admins only (the nav hides it from others)', async () => {
    const res = await operator.get('/audit');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('reading the audit log needs approver or higher');
    expect((await operator.get('/')).body).not.toContain('href="/audit"');
    expect((await approver.get('/')).body).toContain('href="/audit"');
    expect((await approver.get('/audit')).statusCode).toBe(200);
  });

  it('shows a credential change as an escaped old → new diff, with secrets never written', async () => {
    await admin.get('/credentials');
    await admin.post('/credentials', { name: 'core', username: 'netops', password: 'Sup3r-secret-pw', description: 'x' });
    await admin.post('/credentials', { name: 'core', username: 'netops<b>2</b>', enable_secret: 'En-secret-99' });
    const page = await approver.get(`/audit/${await entryId('credential.updated')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<code>credential.updated</code>');
    expect(page.body).toContain('<span class="d-del">-   &quot;username&quot;: &quot;netops&quot;</span>');
    expect(page.body).toContain('<span class="d-add">+   &quot;username&quot;: &quot;netops&lt;b&gt;2&lt;/b&gt;&quot;</span>');
    expect(page.body).toMatch(/<span class="d-add">\+ {5}&quot;enable secret&quot;<\/span>/); // "stored" gained it
    expect(page.body).not.toContain('Sup3r-secret-pw');
    expect(page.body).not.toContain('En-secret-99');
    expect(page.body).toContain('via web');
    // a creation has only a new side: everything is an addition
    const created = await approver.get(`/audit/${await entryId('credential.created')}`);
    expect(created.body).toContain('<span class="d-add">+   &quot;name&quot;: &quot;core&quot;,</span>');
    expect(created.body).not.toContain('class="d-del"');
  });

  it('filters by actor, source, type, level, object and date; the form swaps only the table', async () => {
    const page = await admin.get('/audit');
    expect(page.body).toContain('hx-target="#audit-table"');
    const byActor = await admin.get('/audit?actor=admin&type=SYSTEM', { htmx: 'audit-table' });
    expect(byActor.body.trimStart()).toMatch(/^<div id="audit-table">/);
    expect(byActor.body).toContain('<code>credential.updated</code>');
    expect(byActor.body).not.toContain('login.succeeded');
    const auth = await admin.get('/audit?type=AUTH&source=web', { htmx: 'audit-table' });
    expect(auth.body).toContain('<code>login.succeeded</code>');
    expect(auth.body).not.toContain('credential.');
    const credentialId = (await t.ctx.db.prisma.credential.findUnique({ where: { name: 'core' } }))!.id;
    const byObject = await admin.get(`/audit?object_type=credential&object_id=${credentialId}`, { htmx: 'audit-table' });
    expect(byObject.body.match(/<code>credential\.(created|updated)<\/code>/g)).toHaveLength(2);
    expect((await admin.get('/audit?level=ERROR', { htmx: 'audit-table' })).body).toContain('No audit entry matches these filters.');
    expect((await admin.get('/audit?from=2999-01-01', { htmx: 'audit-table' })).body).toContain('No audit entry matches');
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/audit?from=${today}&to=${today}&actor=admin`, { htmx: 'audit-table' })).body).toContain('credential.updated');
    expect((await admin.get('/audit?level=LOUD')).statusCode).toBe(400);
  });

  it('paginates 50 per page, keeping the filters in the links', async () => {
    for (let i = 0; i < 55; i++) await t.ctx.audit.record({ type: 'SYSTEM', action: 'bulk.test', actor: null, source: 'system', message: `n${i}` });
    const first = await admin.get('/audit?source=system', { htmx: 'audit-table' });
    expect(first.body).toMatch(/1–50 of \d+/);
    expect(first.body).toContain('href="/audit?source&#x3D;system&amp;page&#x3D;2"');
    expect((await admin.get('/audit?source=system&page=2', { htmx: 'audit-table' })).body).toMatch(/51–\d+ of \d+/);
  });

  it('answers an unknown entry with 404, and the detail alone for htmx', async () => {
    expect((await admin.get('/audit/no-such-id')).statusCode).toBe(404);
    const frag = await admin.get(`/audit/${await entryId('credential.updated')}`, { htmx: 'audit-entry' });
    expect(frag.body.trimStart()).toMatch(/^<article id="audit-entry"/);
    expect(frag.body).not.toContain('<html');
  });
});
