import type { FastifyRequest } from 'fastify';
import { presentSchedule } from '../../../core/schedules/present-schedule.ts';
import type { ScheduleRecord } from '../../../core/schedules/schedule-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';

/** A schedule as the audit log keeps it: without the fire times and timestamps that would drown the diff. */
function auditView(s: ScheduleRecord | null) {
  if (!s) return undefined;
  const { next_fire_times: _times, updated_at: _updated, created_at: _created, last_run_at: _last, ...rest } = presentSchedule(s);
  return rest;
}

/** Records a schedule change with source "web" (the same action names as the API). */
export async function auditSchedule(ctx: AppContext, req: FastifyRequest, action: string, before: ScheduleRecord | null, after: ScheduleRecord | null, message?: string): Promise<void> {
  await auditWeb(ctx, req, {
    type: 'RUN', action, actor: req.user, objectType: 'schedule', objectId: (after ?? before)?.id ?? null,
    oldValue: auditView(before), newValue: auditView(after), message: message ?? null,
  });
}
