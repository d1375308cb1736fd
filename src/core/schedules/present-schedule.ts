import { nextFireTimes } from './cron-schedule.ts';
import type { ScheduleRecord } from './schedule-records.ts';

/** A schedule as the API and CLI show it, with its next five fire times (none while disabled). */
export function presentSchedule(s: ScheduleRecord, now: Date = new Date()) {
  return {
    id: s.id,
    name: s.name,
    workflow: s.workflowName,
    target: s.target,
    params: s.params,
    cron: s.cron,
    timezone: s.timezone,
    enabled: s.enabled,
    owner: s.createdByName,
    approved: s.approved,
    last_run_at: s.lastRunAt?.toISOString() ?? null,
    next_fire_times: s.enabled ? nextFireTimes(s.cron, s.timezone, 5, now).map((d) => d.toISOString()) : [],
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}
