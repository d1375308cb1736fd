import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';
import { loggedIn, preparePeople, WebClient } from './web-client.ts';

/**
 * The web pages that read and write through the core ports (login lockout, credential delete, device
 * filters and groups, dashboard, runs date range, audit detail) on every database provider: SQLite always,
 * PostgreSQL when TEST_POSTGRES_URL is set.
 */
describe.each(testProviders)('web pages through the ports on %s', (provider) => {
  let t: TestApp;
  let admin: WebClient;
  let viewer: WebClient;

  beforeAll(async () => {
    t = await createTestApp({ provider, devices: 1, worker: false });
    await preparePeople(t);
    await t.ctx.devices.upsert({ name: 'p-core-1', host: '10.9.0.1', platform: 'cisco_ios', site: 'par1', tags: ['core', 'edge'] });
    await t.ctx.devices.upsert({ name: 'p-core-2', host: '10.9.0.2', platform: 'juniper_junos', site: 'par1', tags: ['core'] });
    [admin, viewer] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'viewer')]);
  });
  afterAll(async () => t?.close());

  it('locks an account after the configured failures and records it; the right password is refused meanwhile', async () => {
    const c = new WebClient(t.app, { remoteAddress: '10.0.7.1' });
    await c.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < t.ctx.config.LOGIN_LOCKOUT_FAILURES; i++) statuses.push((await c.post('/login', { name: 'operator', password: `bad-${i}` })).statusCode);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(403);
    const row = await t.ctx.db.prisma.user.findUnique({ where: { name: 'operator' } });
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(row!.failedLogins).toBe(0);
    expect((await c.post('/login', { name: 'operator', password: 'pw-operator' })).body).toContain('locked until');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'login.locked' } });
    const detail = await admin.get(`/audit/${audit!.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('login.locked');
  });

  it('deletes a credential from the web page', async () => {
    await admin.get('/credentials');
    expect((await admin.post('/credentials', { name: 'p-cred', username: 'netops', password: 'x' })).statusCode).toBe(303);
    expect((await admin.post('/credentials/p-cred/delete')).statusCode).toBe(303);
    expect(await t.ctx.credentials.findByName('p-cred')).toBeNull();
    expect((await admin.post('/credentials/p-cred/delete')).statusCode).toBe(404);
  });

  it('offers filter choices, groups by tag and counts devices on the dashboard', async () => {
    const list = await viewer.get('/devices');
    for (const choice of ['par1', 'juniper_junos', 'core', 'edge']) expect(list.body).toMatch(new RegExp(`<option [^>]*>${choice}</option>`));
    const byTag = await viewer.get('/devices/groups?by=tag', { htmx: 'device-groups' });
    expect(byTag.body).toMatch(/>core<\/a><\/td>\s*<td class="num"><strong>2<\/strong>/);
    expect(byTag.body).toMatch(/>edge<\/a><\/td>\s*<td class="num"><strong>1<\/strong>/);
    const dashboard = await viewer.get('/');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('<tr><th>Total</th><th class="num">3</th></tr>');
  });

  it('filters runs by day and lists the device picker of a schedule', async () => {
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'web', requester: { id: null, name: 'viewer', role: 'operator' } });
    const today = new Date().toISOString().slice(0, 10);
    expect((await viewer.get('/runs?from=2999-01-01', { htmx: 'run-table' })).body).toContain('No runs match');
    expect((await viewer.get(`/runs?from=${today}&to=${today}`, { htmx: 'run-table' })).body).toContain(`#${run.number}`);
    const form = await admin.get('/schedules/new');
    for (const name of ['lab-ios-1', 'p-core-1', 'p-core-2']) expect(form.body).toContain(`<option value="${name}"`);
  });
});
