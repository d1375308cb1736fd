import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('schedules in the web companion', () => {
  let t: TestApp;
  let operator: WebClient;
  let approver: WebClient;
  let viewer: WebClient;

  const schedule = (name: string) => t.ctx.schedules.find(name);
  const armed = async () => t.ctx.scheduleTimer.armedIds();

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [operator, approver, viewer] = await Promise.all([loggedIn(t, 'operator'), loggedIn(t, 'approver'), loggedIn(t, 'viewer')]);
  });
  afterAll(async () => t?.close());

  it('checks cron and zone as you type, listing the next five fire times in the chosen zone', async () => {
    const form = await operator.get('/schedules/new');
    expect(form.body).toContain('hx-get="/schedules/cron-preview" hx-trigger="input changed delay:300ms" hx-include="#f-timezone"');
    expect(form.body).toContain('<option value="Europe/Amsterdam">');
    const ok = await operator.get('/schedules/cron-preview?cron=30+9+*+*+*&timezone=europe/amsterdam', { htmx: 'cron-check' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).not.toContain('<html');
    expect(ok.body).toContain('✓ <code>30 9 * * *</code> in Europe/Amsterdam.');
    const times = [...ok.body.matchAll(/<li><time datetime="([^"]+)">([^<]+)<\/time> <span class="muted small">\(([^)]+)\)<\/span><\/li>/g)];
    expect(times).toHaveLength(5);
    for (const [, iso, local, utc] of times) {
      expect(local).toMatch(/ 09:30 UTC\+[12]$/); // in the zone, whatever the season
      expect(utc).toMatch(/ 0[78]:30:00 UTC$/);
      expect(new Date(iso!).getTime()).toBeGreaterThan(Date.now());
    }
    const bad = await operator.get('/schedules/cron-preview?cron=61+*+*+*+*&timezone=Mars/Olympus', { htmx: 'cron-check' });
    expect(bad.body).toContain('data-cron-valid="false"');
    expect(bad.body).toContain('<code>timezone</code>: &quot;Mars/Olympus&quot; is not an IANA time zone');
    expect(bad.body).toContain('<code>cron</code>:');
    expect((await operator.get('/schedules/cron-preview?cron=*+*+*&timezone=UTC')).body).toContain('has 3 fields');
  });

  it('swaps in the chosen workflow param inputs', async () => {
    const res = await operator.get('/schedules/form-params?workflow=add-loopback', { htmx: 'schedule-params' });
    expect(res.body).toContain('<input id="p-number" name="p.number" type="number"');
    expect((await operator.get('/schedules/form-params?workflow=show-version', { htmx: 'schedule-params' })).body).toContain('No params to set.');
  });

  it('creates a schedule as the operator, arms it and audits it; refusals come back on the form', async () => {
    await operator.get('/schedules/new');
    const badParams = await operator.post('/schedules', { name: 'loop', workflow: 'add-loopback', target: 'lab-ios-1', 'p.number': 'abc', cron: '0 3 * * *', timezone: 'UTC', enabled: 'on' });
    expect(badParams.statusCode).toBe(422);
    expect(badParams.body).toMatch(/<span class="error" id="p-number-error">[^<]*integer/);
    expect(badParams.body).toContain('value="abc"');
    const badCron = await operator.post('/schedules', { name: 'loop', workflow: 'show-version', target: 'lab-ios-1', cron: 'every day', timezone: 'UTC' });
    expect(badCron.statusCode).toBe(422);
    expect(badCron.body).toContain('id="f-cron-error"');
    const badTarget = await operator.post('/schedules', { name: 'loop', workflow: 'show-version', target: 'ghost-1', cron: '0 3 * * *', timezone: 'UTC' });
    expect(badTarget.body).toContain('id="f-target-error"');
    const badName = await operator.post('/schedules', { name: 'no spaces', workflow: 'show-version', target: 'lab-ios-1', cron: '0 3 * * *', timezone: 'UTC' });
    expect(badName.body).toContain('id="f-name-error"');

    const ok = await operator.post('/schedules', { name: 'nightly-version', workflow: 'show-version', target: 'lab-ios-1', cron: '0  3 * * *', timezone: 'Europe/Paris', enabled: 'on' });
    expect(ok.statusCode).toBe(303);
    expect((await operator.get('/schedules')).body).toMatch(/Schedule nightly-version created\. Next run \w{3} \d{4}-\d\d-\d\d 03:00 UTC\+[12]\./);
    const saved = (await schedule('nightly-version'))!;
    expect(saved).toMatchObject({ cron: '0 3 * * *', timezone: 'Europe/Paris', createdByName: 'operator', approved: false, enabled: true });
    expect(await armed()).toContain(saved.id);
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'schedule.created', objectId: saved.id } });
    expect(audit).toMatchObject({ source: 'web', actorName: 'operator', type: 'RUN' });
    const twice = await operator.post('/schedules', { name: 'nightly-version', workflow: 'show-version', target: 'lab-ios-1', cron: '0 3 * * *', timezone: 'UTC' });
    expect(twice.statusCode).toBe(409);
    // viewers read but do not change
    const list = await viewer.get('/schedules');
    expect(list.body).toContain('<strong>nightly-version</strong>');
    expect(list.body).not.toContain('/schedules/new');
    expect((await viewer.post(`/schedules/${saved.id}/disable`, {}, { htmx: 'schedule-table' })).statusCode).toBe(403);
  });

  it('edits only what changed: an untouched save keeps the owner, a new time makes the editor the owner', async () => {
    await approver.get('/schedules/new');
    await approver.post('/schedules', { name: 'loop-7', workflow: 'add-loopback', target: 'lab-ios-1', 'p.number': '7', cron: '0 4 * * 1', timezone: 'UTC', enabled: 'on' });
    const created = (await schedule('loop-7'))!;
    expect(created).toMatchObject({ createdByName: 'approver', approved: true });
    const form = await operator.get(`/schedules/${created.id}/edit`);
    expect(form.body).toContain('value="7"');
    expect(form.body).toContain('Owned by approver (pre-approved)');
    const untouched = await operator.post(`/schedules/${created.id}`, { name: 'loop-7', workflow: 'add-loopback', target: 'lab-ios-1', 'p.number': '7', 'p.description': '', cron: '0 4 * * 1', timezone: 'UTC', enabled: 'on' });
    expect(untouched.statusCode).toBe(303);
    expect((await operator.get('/schedules')).body).toContain('Schedule loop-7 unchanged.');
    expect(await schedule('loop-7')).toMatchObject({ createdByName: 'approver', approved: true });

    const retimed = await operator.post(`/schedules/${created.id}`, { name: 'loop-7', workflow: 'add-loopback', target: 'lab-ios-1', 'p.number': '7', cron: '15 4 * * 1', timezone: 'UTC', enabled: 'on' });
    expect(retimed.statusCode).toBe(303);
    expect(await schedule('loop-7')).toMatchObject({ cron: '15 4 * * 1', createdByName: 'operator', approved: false });
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'schedule.updated', objectId: created.id } });
    expect(audit?.oldValue).toContain('"cron":"0 4 * * 1"');
    expect(audit?.newValue).toContain('"cron":"15 4 * * 1"');
    expect(audit?.newValue).not.toContain('next_fire_times');
  });

  it('disables, enables and deletes from the table (htmx), disarming and re-arming the timer', async () => {
    const id = (await schedule('nightly-version'))!.id;
    const off = await operator.post(`/schedules/${id}/disable`, {}, { htmx: 'schedule-table' });
    expect(off.statusCode).toBe(200);
    expect(off.body.trimStart()).toMatch(/^<div id="schedule-table">/);
    expect(off.body).toContain('Schedule nightly-version disabled.');
    expect(off.body).toContain('none (disabled)');
    expect(await armed()).not.toContain(id);
    const on = await approver.post(`/schedules/${id}/enable`, {}, { htmx: 'schedule-table' });
    expect(on.body).toContain('enabled: it runs as you from now on');
    expect(await armed()).toContain(id);
    expect(await schedule('nightly-version')).toMatchObject({ enabled: true, createdByName: 'approver' });
    const gone = await operator.post(`/schedules/${id}/delete`, {}, { htmx: 'schedule-table' });
    expect(gone.body).toContain('Schedule nightly-version deleted');
    expect(gone.body).not.toContain('<strong>nightly-version</strong>');
    expect(await armed()).not.toContain(id);
    expect(await t.ctx.db.prisma.auditEvent.count({ where: { action: 'schedule.deleted', objectId: id, source: 'web' } })).toBe(1);
    expect((await operator.get(`/schedules/${id}/edit`)).statusCode).toBe(404);
  });
});
