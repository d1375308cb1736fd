import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunQueue } from '../ports/run-queue.ts';
import type { RunRepository } from '../ports/run-repository.ts';
import { aggregateRunOutcome, EXECUTION_STATUSES, isFinalExecutionStatus, type ExecutionStatus } from './run-status.ts';

export interface SettleRunDeps {
  runs: RunRepository;
  queue: RunQueue;
  events: EventPublisher;
  /** At most this many executions of one run are in flight at once. */
  fanoutConcurrency: number;
  /** Devices not yet started are cancelled once this many implementations failed (0 = never). */
  stopAfterFailures: number;
}

/** Executions whose change was attempted and did not go through. */
const FAILED_CHANGE: readonly ExecutionStatus[] = ['rolled_back', 'rollback_failed', 'interrupted'];

/**
 * Called when a run starts and whenever one of its executions ends: dispatches queued executions up to
 * the fan-out bound and, once every execution is final, moves the run to its aggregate outcome (once).
 */
export async function settleRun(deps: SettleRunDeps, runId: string): Promise<void> {
  // Runs once per device of a fan-out: the status and per-state counts, the whole run only to announce.
  const status = await deps.runs.runStatus(runId);
  if (status !== 'running' && status !== 'cancelled') return;
  const counts = await deps.runs.executionStatusCounts(runId);
  const count = (...statuses: readonly ExecutionStatus[]) => statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const total = count(...EXECUTION_STATUSES);
  const pending = count(...EXECUTION_STATUSES.filter((s) => !isFinalExecutionStatus(s)));
  if (pending === 0) {
    if (status !== 'running') return;
    const outcome = aggregateRunOutcome(EXECUTION_STATUSES.flatMap((s) => Array<ExecutionStatus>(counts[s] ?? 0).fill(s)));
    const failed = total - count('succeeded');
    const moved = await deps.runs.transitionRun(runId, ['running'], outcome, {
      finishedAt: new Date(),
      error: failed ? `${failed} of ${total} device(s) did not succeed` : null,
    });
    const run = moved ? await deps.runs.get({ id: runId }) : null;
    if (run) {
      await deps.events.publish({
        type: 'run.completed', runId, runNumber: run.number, runStatus: outcome, at: new Date().toISOString(),
        summary: `${run.workflowName} on ${run.target}: ${outcome} (${total - failed}/${total} succeeded)`,
      });
    }
    return;
  }
  if (status !== 'running') return;
  const failedChanges = count(...FAILED_CHANGE);
  if (deps.stopAfterFailures > 0 && failedChanges >= deps.stopAfterFailures && count('queued') > 0) {
    const stopped = await deps.runs.transitionExecutionsOfRun(runId, 'cancelled', ['queued']);
    const run = stopped > 0 ? await deps.runs.get({ id: runId }) : null;
    if (run) {
      await deps.events.publish({
        type: 'run.cancelled', runId, runNumber: run.number, runStatus: run.status, at: new Date().toISOString(),
        summary: `Fan-out stopped after ${failedChanges} failed implementation(s): ${stopped} device(s) not started`,
      });
    }
    return settleRun(deps, runId);
  }
  const slots = Math.max(0, deps.fanoutConcurrency - count('running', 'waiting_for_device'));
  // Job ids are execution ids: re-enqueueing one already queued is a no-op.
  for (const id of await deps.runs.queuedExecutionIds(runId, Math.min(slots, count('queued')))) {
    await deps.queue.enqueueExecution(id);
  }
}
