import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('netops schedule add | list | rm (subprocess, same database and Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 2, worker: false });
  });
  afterAll(async () => {
    await t?.ctx.scheduleTimer.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
  });

  it('adds a schedule owned by --as USER, lists it with its next fire time, and removes it with its timer', { timeout: 90_000 }, async () => {
    const add = await runCli(['schedule', 'add', 'nightly-loopback', '--workflow', 'add-loopback', '--on', 'lab-ios-1', '--cron', '0 3 * * 1-5', '--tz', 'Europe/Amsterdam', 'number=7', '--as', 'approver'], t.env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Schedule nightly-loopback created: add-loopback on lab-ios-1, "0 3 \* \* 1-5" \(Europe\/Amsterdam\), owner approver, pre-approved\./);
    expect(add.stdout.match(/ {2}next: /g)).toHaveLength(5);
    const stored = (await t.ctx.schedules.find('nightly-loopback'))!;
    expect(stored).toMatchObject({ params: { number: '7' }, approved: true, createdByName: 'approver' });
    expect((await t.ctx.scheduleTimer.queue.getJobScheduler(stored.id))?.pattern).toBe('0 3 * * 1-5');

    const list = await runCli(['schedule', 'list'], t.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^nightly-loopback\t0 3 \* \* 1-5 \(Europe\/Amsterdam\)\tadd-loopback on lab-ios-1\tnext \d{4}-\d\d-\d\dT0[12]:00:00\.000Z\towner approver$/m);
    const json = JSON.parse((await runCli(['schedule', 'list', '--json'], t.env)).stdout);
    expect(json[0]).toMatchObject({ name: 'nightly-loopback', next_fire_times: expect.any(Array) });

    const rm = await runCli(['schedule', 'rm', 'nightly-loopback', '--as', 'operator'], t.env);
    expect(rm.code).toBe(0);
    expect(rm.stdout).toContain('Schedule nightly-loopback deleted.');
    expect(await t.ctx.schedules.find('nightly-loopback')).toBeNull();
    expect(await t.ctx.scheduleTimer.queue.getJobScheduler(stored.id)).toBeUndefined();
  });

  // Each CLI call is a fresh Node process compiling TypeScript (a few seconds each): give the lists room.
  it('exits 2 naming the problem on bad input', { timeout: 90_000 }, async () => {
    const bad: [string[], RegExp][] = [
      [['schedule', 'add', 'x', '--workflow', 'show-version', '--on', 'lab-ios-1', '--cron', '61 * * * *', '--as', 'operator'], /cron: /],
      [['schedule', 'add', 'x', '--workflow', 'show-version', '--on', 'lab-ios-1', '--cron', '0 3 * * *', '--tz', 'Mars/Base', '--as', 'operator'], /timezone: /],
      [['schedule', 'add', 'x', '--workflow', 'show-version', '--on', 'lab-ios-1', '--cron', '0 3 * * *', '--as', 'nobody'], /No user "nobody"/],
      [['schedule', 'add', 'x', '--workflow', 'show-version', '--on', 'lab-ios-1', '--cron', '0 3 * * *', '--as', 'viewer'], /needs operator/],
      [['schedule', 'rm', 'ghost', '--as', 'operator'], /No schedule "ghost"/],
    ];
    for (const [args, message] of bad) {
      const r = await runCli(args, t.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(await t.ctx.schedules.list()).toEqual([]);
  });
});
