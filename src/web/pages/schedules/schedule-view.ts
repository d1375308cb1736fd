import { isNetOpsError, type FieldIssue } from '../../../core/errors/index.ts';
import { checkCronSchedule, nextFireTimes } from '../../../core/schedules/cron-schedule.ts';
import type { ScheduleRecord } from '../../../core/schedules/schedule-records.ts';
import { formatDateTime, formatInZone } from '../../render/format.ts';

export interface FireTime {
  iso: string;
  local: string;
  utc: string;
}

export type CronPreview =
  | { ok: true; cron: string; timezone: string; times: FireTime[] }
  | { ok: false; issues: FieldIssue[] };

const fireTimes = (cron: string, timezone: string, now: Date): FireTime[] =>
  nextFireTimes(cron, timezone, 5, now).map((d) => ({ iso: d.toISOString(), local: formatInZone(d, timezone), utc: formatDateTime(d) }));

/** Checks cron + zone as the use case will, and lists the next five fire times in that zone. */
export function cronPreview(cron: string, timezone: string, now = new Date()): CronPreview {
  try {
    const checked = checkCronSchedule(cron, timezone || 'UTC');
    return { ok: true, ...checked, times: fireTimes(checked.cron, checked.timezone, now) };
  } catch (err) {
    if (!isNetOpsError(err)) throw err;
    return { ok: false, issues: (err.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [{ field: 'cron', message: err.message }] };
  }
}

/** A row of the schedules table; a disabled schedule has no fire times. */
export function scheduleRow(s: ScheduleRecord, now = new Date()) {
  return {
    ...s, state: s.enabled ? 'enabled' : 'disabled',
    params: Object.entries(s.params).map(([name, value]) => ({ name, value: String(value) })),
    times: s.enabled ? fireTimes(s.cron, s.timezone, now) : [],
  };
}

let zones: string[] | null = null;

/** Every IANA zone the runtime knows, for the form's suggestions (UTC first). */
export function timeZoneNames(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}
