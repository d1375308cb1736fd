import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunRepository } from '../ports/run-repository.ts';
import { settleRun, type SettleRunDeps } from './settle-run.ts';

/** A queued run starts: one conditional transition, then its executions are dispatched. */
export async function startRun(deps: SettleRunDeps & { runs: RunRepository; events: EventPublisher }, runId: string): Promise<boolean> {
  const run = await deps.runs.get({ id: runId });
  if (!run) return false;
  const moved = await deps.runs.transitionRun(runId, ['queued'], 'running', { startedAt: new Date() });
  if (moved) {
    await deps.events.publish({
      type: 'run.started', runId, runNumber: run.number, runStatus: 'running', at: new Date().toISOString(),
      summary: `${run.workflowName} started on ${run.target}${run.dryRun ? ' (dry run)' : ''}`,
    });
  }
  await settleRun(deps, runId);
  return moved;
}
