import { describe, expect, it } from 'vitest';
import { checkCronSchedule, nextFireTimes } from '../../../../src/core/schedules/cron-schedule.ts';
import { catchNetOpsError, issuesOf } from '../catch-netops-error.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('nextFireTimes', () => {
  it('gives the next five weekday 09:00 fires in Europe/Amsterdam across the switch to summer time', () => {
    const now = new Date('2025-03-27T12:00:00Z'); // Thursday, 13:00 in Amsterdam (CET, UTC+1)
    expect(iso(nextFireTimes('0 9 * * 1-5', 'Europe/Amsterdam', 5, now))).toEqual([
      '2025-03-28T08:00:00.000Z', // Friday, still CET
      '2025-03-31T07:00:00.000Z', // Monday, CEST (UTC+2) since Sunday 30 March
      '2025-04-01T07:00:00.000Z',
      '2025-04-02T07:00:00.000Z',
      '2025-04-03T07:00:00.000Z',
    ]);
  });

  it('reads a 6-field expression as seconds first', () => {
    const now = new Date('2026-05-01T00:00:00.400Z');
    expect(iso(nextFireTimes('*/15 * * * * *', 'UTC', 3, now))).toEqual(['2026-05-01T00:00:15.000Z', '2026-05-01T00:00:30.000Z', '2026-05-01T00:00:45.000Z']);
  });

  it('counts the same wall-clock time in another zone', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(iso(nextFireTimes('0 3 * * *', 'America/New_York', 2, now))).toEqual(['2026-01-10T08:00:00.000Z', '2026-01-11T08:00:00.000Z']);
  });
});

describe('checkCronSchedule', () => {
  it('accepts 5 and 6 fields and @aliases, normalises spacing and the zone spelling', () => {
    expect(checkCronSchedule(' 0  9 * * 1-5 ', 'europe/amsterdam')).toEqual({ cron: '0 9 * * 1-5', timezone: 'Europe/Amsterdam' });
    expect(checkCronSchedule('*/1 * * * * *', 'UTC')).toEqual({ cron: '*/1 * * * * *', timezone: 'UTC' });
    expect(checkCronSchedule('@daily', 'Asia/Tokyo').cron).toBe('@daily');
  });

  it.each([
    ['61 * * * *', 'Constraint error'],
    ['* * *', 'has 3 fields'],
    ['* * * * * * *', 'has 7 fields'],
    ['every day', 'has 2 fields'],
    ['0 0 30 2 *', 'not a valid cron expression'],
    ['a b c d e', 'not a valid cron expression'],
  ])('refuses cron %j naming the field cron', (cron, message) => {
    const err = catchNetOpsError(() => checkCronSchedule(cron, 'UTC'));
    expect(err.status).toBe(400);
    expect(issuesOf(err)).toEqual([{ field: 'cron', message: expect.stringContaining(message) }]);
  });

  it.each(['Mars/Olympus', 'Europe/Amsterdamm', '+03:00', 'UTC; DROP'])('refuses time zone %j naming the field timezone', (tz) => {
    const err = catchNetOpsError(() => checkCronSchedule('0 9 * * *', tz));
    expect(err.status).toBe(400);
    expect(issuesOf(err)).toEqual([{ field: 'timezone', message: expect.stringContaining('IANA') }]);
    expect(err.message).toMatch(/^timezone: /);
  });

  it('reports a bad cron and a bad zone together', () => {
    const err = catchNetOpsError(() => checkCronSchedule('* *', 'Nowhere/Land'));
    expect(issuesOf(err).map((i) => i.field)).toEqual(['timezone', 'cron']);
  });
});
