import { hasRole, type Role } from '../approvals/roles.ts';
import { NetOpsError } from '../errors/index.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunRef, RunRepository } from '../ports/run-repository.ts';
import type { RunRecord } from './run-records.ts';

/**
 * Cancels a run. Before start it simply ends; while running, workers notice between commands:
 * a device whose implementation had begun is rolled back, the others stop.
 */
export async function cancelRun(
  deps: { runs: RunRepository; events: EventPublisher },
  ref: RunRef,
  actor: { name: string; role: Role; source?: string | undefined },
): Promise<RunRecord> {
  const run = await deps.runs.get(ref);
  if (!run) throw new NetOpsError('RUN_NOT_FOUND', 'No such run.', { field: 'run' });
  if (run.requesterName !== actor.name && !hasRole(actor.role, 'approver')) {
    throw new NetOpsError('FORBIDDEN', `Only the requester or an approver may cancel run #${run.number}.`);
  }
  const from = ['pending_approval', 'approved', 'queued', 'running'] as const;
  if (!(await deps.runs.transitionRun(run.id, from, 'cancelled', { finishedAt: new Date() }))) {
    const now = await deps.runs.get({ id: run.id });
    throw new NetOpsError('INVALID_STATE', `Run #${run.number} is already ${now?.status ?? run.status}; nothing to cancel.`, { status: now?.status });
  }
  await deps.runs.transitionExecutionsOfRun(run.id, 'cancelled', ['queued', 'waiting_for_device']);
  await deps.events.publish({
    type: 'run.cancelled', runId: run.id, runNumber: run.number, runStatus: 'cancelled', at: new Date().toISOString(),
    summary: `Cancelled by ${actor.name}`,
    data: { by: actor.name, source: actor.source ?? null },
  });
  return (await deps.runs.get({ id: run.id })) ?? run;
}
