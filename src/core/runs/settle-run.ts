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
  /** Devices not yet started are cancelled once this many implementations failed (0 = never). */
  stopAfterFailures: number;
}

/** Executions whose change was attempted and did not go through. */
const FAILED_CHANGE = new Set(['rolled_back', 'rollback_failed', 'interrupted']);

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
  const failedChanges = executions.filter((e) => FAILED_CHANGE.has(e.status)).length;
  if (deps.stopAfterFailures > 0 && failedChanges >= deps.stopAfterFailures && executions.some((e) => e.status === 'queued')) {
    const stopped = await deps.runs.transitionExecutionsOfRun(runId, 'cancelled', ['queued']);
    if (stopped > 0) {
      await deps.events.publish({
        type: 'run.cancelled', runId, runNumber: run.number, runStatus: run.status, at: new Date().toISOString(),
        summary: `Fan-out stopped after ${failedChanges} failed implementation(s): ${stopped} device(s) not started`,
      });
    }
    return settleRun(deps, runId);
  }
  const active = executions.filter((e) => e.status === 'running' || e.status === 'waiting_for_device').length;
  const slots = Math.max(0, deps.fanoutConcurrency - active);
  // Job ids are execution ids: re-enqueueing one already queued is a no-op.
  for (const e of executions.filter((x) => x.status === 'queued').slice(0, slots)) {
    await deps.queue.enqueueExecution(e.id);
  }
}
