import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunQueue } from '../ports/run-queue.ts';
import type { RunRepository } from '../ports/run-repository.ts';
import { aggregateRunOutcome, isFinalExecutionStatus } from './run-status.ts';

export interface SettleRunDeps {
  runs: RunRepository;
  queue: RunQueue;
  events: EventPublisher;
  /** At most this many executions of one run are in flight at once. */
  fanoutConcurrency: number;
}

/**
 * Called when a run starts and whenever one of its executions ends: dispatches queued executions up to
 * the fan-out bound and, once every execution is final, moves the run to its aggregate outcome (once).
 */
export async function settleRun(deps: SettleRunDeps, runId: string): Promise<void> {
  const run = await deps.runs.get({ id: runId });
  if (!run || (run.status !== 'running' && run.status !== 'cancelled')) return;
  const executions = await deps.runs.executions(runId);
  const pending = executions.filter((e) => !isFinalExecutionStatus(e.status));
  if (pending.length === 0) {
    if (run.status !== 'running') return;
    const outcome = aggregateRunOutcome(executions.map((e) => e.status));
    const failed = executions.filter((e) => e.status !== 'succeeded');
    const moved = await deps.runs.transitionRun(runId, ['running'], outcome, {
      finishedAt: new Date(),
      error: failed.length ? `${failed.length} of ${executions.length} device(s) did not succeed` : null,
    });
    if (moved) {
      await deps.events.publish({
        type: 'run.completed', runId, runNumber: run.number, runStatus: outcome, at: new Date().toISOString(),
        summary: `${run.workflowName} on ${run.target}: ${outcome} (${executions.length - failed.length}/${executions.length} succeeded)`,
      });
    }
    return;
  }
  if (run.status !== 'running') return;
  const active = executions.filter((e) => e.status === 'running' || e.status === 'waiting_for_device').length;
  const slots = Math.max(0, deps.fanoutConcurrency - active);
  // Job ids are execution ids: re-enqueueing one already queued is a no-op.
  for (const e of executions.filter((x) => x.status === 'queued').slice(0, slots)) {
    await deps.queue.enqueueExecution(e.id);
  }
}
