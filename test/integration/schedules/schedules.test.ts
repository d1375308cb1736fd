import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';

const EVERY_SECOND = '*/1 * * * * *';

/** Polls the database for a state the worker writes (a fire creating a run). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`state not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testProviders)('schedules on %s: cron + time zone → runs with source schedule (BullMQ job schedulers)', (provider) => {
  let t: TestApp;
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const runsOf = (scheduleId: string) =>
    t.ctx.db.prisma.run.findMany({ where: { scheduleId }, orderBy: { number: 'asc' }, select: { id: true, source: true, status: true, requesterName: true, createdAt: true } });
  const armed = async (id: string) => (await t.ctx.scheduleTimer.queue.getJobSchedulers(0, -1)).filter((s) => (s.id ?? s.key) === id);

  beforeAll(async () => {
    t = await createTestApp({ provider, devices: 3 });
  });
  afterAll(async () => {
    await t?.ctx.scheduleTimer.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.ctx.webhookQueue.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
  });

  it('fires: each tick requests a run with source schedule as the owner; deleting it stops the fires', async () => {
    const res = await api('POST', '/schedules', t.tokens.operator, { name: 'every-second', workflow: 'show-version', target: 'lab-ios-3', cron: EVERY_SECOND });
    expect(res.statusCode, res.body).toBe(201);
    const schedule = res.json();
    expect(schedule).toMatchObject({ name: 'every-second', workflow: 'show-version', target: 'lab-ios-3', cron: EVERY_SECOND, timezone: 'UTC', enabled: true, owner: 'operator', approved: false, last_run_at: null });
    expect(schedule.next_fire_times).toHaveLength(5);
    expect(await armed(schedule.id)).toMatchObject([{ pattern: EVERY_SECOND, tz: 'UTC' }]);

    const [run] = await eventually(() => runsOf(schedule.id), (runs) => runs.length > 0);
    expect(run).toMatchObject({ source: 'schedule', requesterName: 'operator' });
    expect(await waitForRun(t, run!.id)).toBe('succeeded');
    expect((await api('GET', `/schedules/${schedule.id}`, t.tokens.viewer)).json().last_run_at).not.toBeNull();

    expect((await api('DELETE', '/schedules/every-second', t.tokens.viewer)).statusCode).toBe(403);
    expect((await api('DELETE', '/schedules/every-second', t.tokens.operator)).statusCode).toBe(204);
    const deletedAt = Date.now();
    expect(await armed(schedule.id)).toEqual([]);
    expect((await t.ctx.scheduleTimer.queue.getDelayed()).filter((j) => j.data.scheduleId === schedule.id)).toEqual([]);
    expect((await api('GET', `/schedules/${schedule.id}`, t.tokens.operator)).statusCode).toBe(404);
    // Absence cannot be awaited: watch three would-be ticks. A tick already taken by the worker at the
    // moment of deletion finds no schedule and creates nothing, so no run may start after deletedAt.
    await new Promise((r) => setTimeout(r, 3000));
    const later = await t.ctx.db.prisma.run.count({ where: { source: 'schedule', target: 'lab-ios-3', createdAt: { gt: new Date(deletedAt) } } });
    expect(later).toBe(0);
  });

  it("an edit replaces the timer; disabling removes it; a schedule's runs wait for approval unless an approver set it up", async () => {
    const created = await api('POST', '/schedules', t.tokens.operator, {
      name: 'loopback', workflow: 'add-loopback', target: 'lab-ios-2', params: { number: 4242 }, cron: '0 0 1 1 *', timezone: 'Europe/Amsterdam',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().next_fire_times[0]).toMatch(/-12-31T23:00:00\.000Z$/); // 1 January 00:00 in Amsterdam (CET)
    expect(await armed(id)).toMatchObject([{ pattern: '0 0 1 1 *', tz: 'Europe/Amsterdam' }]);

    const edited = await api('PATCH', `/schedules/${id}`, t.tokens.operator, { cron: EVERY_SECOND });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await armed(id)).toMatchObject([{ pattern: EVERY_SECOND, tz: 'Europe/Amsterdam' }]);
    const [byOperator] = await eventually(() => runsOf(id), (runs) => runs.length > 0);
    expect(byOperator).toMatchObject({ source: 'schedule', requesterName: 'operator', status: 'pending_approval' });

    // The approver takes it over (a change to what runs makes the editor the owner): pre-approved from now on.
    const before = (await runsOf(id)).length;
    const taken = await api('PATCH', `/schedules/${id}`, t.tokens.approver, { params: { number: 4243 } });
    expect(taken.json()).toMatchObject({ owner: 'approver', approved: true });
    const runs = await eventually(() => runsOf(id), (r) => r.some((x, i) => i >= before && x.requesterName === 'approver'));
    expect(runs.find((x, i) => i >= before && x.requesterName === 'approver')!.status).not.toBe('pending_approval');

    // Repeating the current values (a client that PATCHes the whole object) is not a change: no takeover.
    const resent = await api('PATCH', `/schedules/${id}`, t.tokens.operator, { workflow: 'add-loopback', target: 'lab-ios-2', params: { number: 4243 }, cron: EVERY_SECOND });
    expect(resent.json()).toMatchObject({ owner: 'approver', approved: true });

    const disabled = await api('PATCH', `/schedules/${id}`, t.tokens.operator, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false, next_fire_times: [], owner: 'approver' }); // switching off keeps the owner
    expect(await armed(id)).toEqual([]);
    // Every approver run went ahead without approval; the first to hold the device lock made the change.
    const approverRuns = (await runsOf(id)).filter((r) => r.requesterName === 'approver');
    const outcomes = await Promise.all(approverRuns.map((r) => waitForRun(t, r.id)));
    expect(outcomes).toContain('succeeded');
    expect(t.lab.device('lab-ios-2').commandLog.join('\n')).toContain('interface Loopback4243');
    const reenabled = await api('PATCH', `/schedules/${id}`, t.tokens.operator, { enabled: true, cron: '0 0 1 1 *' });
    expect(reenabled.json()).toMatchObject({ enabled: true, owner: 'operator', approved: false });
    expect(await armed(id)).toMatchObject([{ pattern: '0 0 1 1 *' }]);
    expect((await api('DELETE', `/schedules/${id}`, t.tokens.operator)).statusCode).toBe(204);
  });

  it('shows the next five fire times in the schedule time zone', async () => {
    const res = await api('POST', '/schedules', t.tokens.operator, { name: 'ny', workflow: 'show-version', target: 'lab-ios-1', cron: '30 6 * * 1-5', timezone: 'america/new_york', enabled: false });
    expect(res.json()).toMatchObject({ timezone: 'America/New_York', next_fire_times: [] }); // disabled: never fires
    const on = (await api('PATCH', '/schedules/ny', t.tokens.operator, { enabled: true })).json();
    const local = (iso: string) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
    expect(on.next_fire_times).toHaveLength(5);
    for (const time of on.next_fire_times as string[]) expect(local(time)).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 06:30$/);
    expect([...on.next_fire_times].sort()).toEqual(on.next_fire_times);
    expect(new Date(on.next_fire_times[0]).getTime()).toBeGreaterThan(Date.now());
    const list = (await api('GET', '/schedules', t.tokens.viewer)).json();
    expect(list.items.map((s: { name: string }) => s.name)).toContain('ny');
    await api('DELETE', '/schedules/ny', t.tokens.operator);
  });

  it('refuses bad input with the field named: cron, timezone, workflow, params, target; viewers cannot create', async () => {
    const base = { name: 'bad', workflow: 'show-version', target: 'lab-ios-1', cron: '0 3 * * *' };
    const cases: [object, number, string, string][] = [
      [{ cron: '61 * * * *' }, 400, 'VALIDATION_FAILED', 'cron'],
      [{ cron: '* * *' }, 400, 'VALIDATION_FAILED', 'cron'],
      [{ cron: 'every day' }, 400, 'VALIDATION_FAILED', 'cron'],
      [{ timezone: 'Mars/Olympus' }, 400, 'VALIDATION_FAILED', 'timezone'],
      [{ workflow: 'nope' }, 404, 'WORKFLOW_NOT_FOUND', 'workflow'],
      [{ workflow: 'add-loopback' }, 400, 'PARAM_MISSING', 'number'],
      [{ workflow: 'add-loopback', params: { number: 'x\nreload' } }, 400, 'PARAM_INVALID', 'number'],
      [{ target: 'ghost' }, 404, 'DEVICE_NOT_FOUND', 'target'],
    ];
    for (const [change, status, code, field] of cases) {
      const res = await api('POST', '/schedules', t.tokens.operator, { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      const { error } = res.json();
      expect(error.code, JSON.stringify(change)).toBe(code);
      const fields = error.details.issues?.map((i: { field: string }) => i.field) ?? [error.details.field];
      expect(fields, JSON.stringify(change)).toContain(field);
    }
    expect((await api('POST', '/schedules', t.tokens.viewer, base)).statusCode).toBe(403);
    expect((await api('POST', '/schedules', t.tokens.operator, base)).statusCode).toBe(201);
    expect((await api('POST', '/schedules', t.tokens.operator, base)).statusCode).toBe(409);
    const badEdit = await api('PATCH', '/schedules/bad', t.tokens.operator, { timezone: 'Nowhere/Land' });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.json().error.details.issues).toEqual([{ field: 'timezone', message: expect.stringContaining('IANA') }]);
    expect((await api('GET', '/schedules/bad', t.tokens.operator)).json().timezone).toBe('UTC');
    expect((await t.ctx.schedules.list()).map((s) => s.name)).toEqual(['bad']);
    await api('DELETE', '/schedules/bad', t.tokens.operator);
  });
});
