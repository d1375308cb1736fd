import { hasRole } from '../approvals/roles.ts';
import { isNetOpsError } from '../errors/index.ts';
import type { RunRecord } from '../runs/run-records.ts';
import type { ScheduleDeps } from './schedule-deps.ts';

/** One tick of a schedule's timer, as the queue delivers it. */
export interface ScheduleFire {
  scheduleId: string;
  /** The timing the timer was armed with: a tick from a replaced timing is ignored. */
  cron: string;
  timezone: string;
  /** Unique per tick (the queue's job id): a retried tick requests the same run, not a second one. */
  fireKey: string;
}

export type FireOutcome =
  | { kind: 'requested'; run: RunRecord }
  /** The tick was not for a current schedule (deleted, disabled, re-timed): nothing to do. */
  | { kind: 'skipped'; reason: string }
  /** The run request was refused (owner gone, device removed, workflow changed…): the schedule needs a human. */
  | { kind: 'refused'; reason: string; code: string };

/**
 * Turns a tick into a run with source `schedule`, requested as the schedule's owner; pre-approved when
 * the schedule was approved and its owner is still an approver. A refused request is reported, not retried.
 */
export async function fireSchedule(deps: ScheduleDeps, fire: ScheduleFire): Promise<FireOutcome> {
  const schedule = await deps.schedules.find(fire.scheduleId);
  if (!schedule || !schedule.enabled) {
    await deps.timer.disarm(fire.scheduleId); // an orphaned timer: its schedule is gone or off
    return { kind: 'skipped', reason: schedule ? 'the schedule is disabled' : 'the schedule was deleted' };
  }
  if (schedule.cron !== fire.cron || schedule.timezone !== fire.timezone) return { kind: 'skipped', reason: 'the schedule was re-timed' };
  const owner = schedule.createdById ? await deps.users.findById(schedule.createdById) : null;
  if (!owner || owner.disabled) {
    return { kind: 'refused', code: 'FORBIDDEN', reason: `schedule "${schedule.name}" has no active owner (the user was ${owner ? 'disabled' : 'deleted'}); edit it to take it over` };
  }
  try {
    const { run } = await deps.requestRun({
      workflow: schedule.workflowName, target: schedule.target, params: schedule.params, source: 'schedule',
      requester: { id: owner.id, name: owner.name, role: owner.role }, scheduleId: schedule.id,
      preApproved: schedule.approved && hasRole(owner.role, 'approver'), idempotencyKey: `schedule:${fire.fireKey}`,
    });
    await deps.schedules.markFired(schedule.id, deps.now?.() ?? new Date());
    return { kind: 'requested', run };
  } catch (err) {
    if (isNetOpsError(err) && err.status < 500) return { kind: 'refused', code: err.code, reason: `schedule "${schedule.name}": ${err.message}` };
    throw err;
  }
}
