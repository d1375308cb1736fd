import { hasRole, requireRole, type Role } from '../approvals/roles.ts';
import { NetOpsError } from '../errors/index.ts';
import type { NewSchedule } from '../ports/schedule-repository.ts';
import { checkScheduledRun } from './check-scheduled-run.ts';
import { checkCronSchedule } from './cron-schedule.ts';
import type { ScheduleDeps } from './schedule-deps.ts';
import type { ScheduleInput, SchedulePatch } from './schedule-input.ts';
import type { ScheduleRecord } from './schedule-records.ts';
import { requireSchedule } from './require-schedule.ts';

type Actor = { id: string | null; name: string; role: Role };
type Deps = Pick<ScheduleDeps, 'schedules' | 'timer' | 'workflows' | 'devices'>;

function ownerId(actor: Actor): string {
  if (actor.id) return actor.id;
  throw new NetOpsError('VALIDATION_FAILED', 'A schedule runs as the user who sets it up: name a NetOps user (CLI: --as USER).', {
    issues: [{ field: 'as', message: 'a NetOps user is needed as the schedule owner' }],
  });
}

/**
 * Creates a schedule (operator or higher) and arms it. Its runs are requested as the creator; they skip
 * approval when the creator is an approver (the approval is given once, for every run of the schedule).
 */
export async function createSchedule(deps: Deps, input: ScheduleInput, actor: Actor): Promise<ScheduleRecord> {
  requireRole(actor, 'operator', 'creating a schedule');
  const createdById = ownerId(actor);
  const timing = checkCronSchedule(input.cron, input.timezone);
  const workflow = await checkScheduledRun(deps, input);
  if (await deps.schedules.find(input.name)) throw new NetOpsError('ALREADY_EXISTS', `A schedule named "${input.name}" already exists.`, { field: 'name' });
  const schedule = await deps.schedules.create({
    name: input.name, workflowId: workflow.workflowId, target: input.target, params: input.params, ...timing, enabled: input.enabled,
    createdById, approved: hasRole(actor.role, 'approver'),
  });
  if (schedule.enabled) {
    await deps.timer.arm(schedule).catch(async (err: unknown) => {
      await deps.schedules.delete(schedule.id); // a schedule that cannot fire must not look saved
      throw err;
    });
  }
  return schedule;
}

/** Stable JSON for comparing param objects regardless of key order. */
function sortKeys(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : value;
}

/**
 * Changes a schedule (operator or higher); edits replace the armed timing. A change to what runs, where,
 * or when (and re-enabling) makes the editor the owner, and pre-approval follows the editor's role, so an
 * approver's pre-approved schedule cannot be repointed by someone who could not approve the result.
 */
export async function updateSchedule(deps: Deps, ref: string, patch: SchedulePatch, actor: Actor): Promise<ScheduleRecord> {
  requireRole(actor, 'operator', 'changing a schedule');
  const existing = await requireSchedule(deps.schedules, ref);
  const changes: Partial<NewSchedule> = {};
  if (patch.cron !== undefined || patch.timezone !== undefined) {
    Object.assign(changes, checkCronSchedule(patch.cron ?? existing.cron, patch.timezone ?? existing.timezone));
  }
  if (patch.workflow !== undefined || patch.target !== undefined || patch.params !== undefined) {
    const what = { workflow: patch.workflow ?? existing.workflowName, target: patch.target ?? existing.target, params: patch.params ?? existing.params };
    const workflow = await checkScheduledRun(deps, what);
    Object.assign(changes, { workflowId: workflow.workflowId, target: what.target, params: what.params });
  }
  if (patch.name !== undefined && patch.name !== existing.name) {
    if (await deps.schedules.find(patch.name)) throw new NetOpsError('ALREADY_EXISTS', `A schedule named "${patch.name}" already exists.`, { field: 'name' });
    changes.name = patch.name;
  }
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  // Compare values, not keys: a PATCH that repeats the current workflow/target/params must not take ownership.
  const same = (key: 'cron' | 'timezone' | 'workflowId' | 'target' | 'params') =>
    changes[key] === undefined || JSON.stringify(sortKeys(changes[key])) === JSON.stringify(sortKeys(existing[key]));
  const behaviourChanged = !(['cron', 'timezone', 'workflowId', 'target', 'params'] as const).every(same) || (patch.enabled === true && !existing.enabled);
  if (behaviourChanged) Object.assign(changes, { createdById: ownerId(actor), approved: hasRole(actor.role, 'approver') });
  const schedule = await deps.schedules.update(existing.id, changes);
  if (schedule.enabled) await deps.timer.arm(schedule);
  else await deps.timer.disarm(schedule.id);
  return schedule;
}

/** Deletes a schedule (operator or higher) and removes its timer; runs it created stay. */
export async function deleteSchedule(deps: Deps, ref: string, actor: Actor): Promise<ScheduleRecord> {
  requireRole(actor, 'operator', 'deleting a schedule');
  const existing = await requireSchedule(deps.schedules, ref);
  await deps.schedules.delete(existing.id);
  await deps.timer.disarm(existing.id);
  return existing;
}
