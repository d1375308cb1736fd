import type { Logger } from 'pino';
import { settleRun, type SettleRunDeps } from './settle-run.ts';

/**
 * Run at worker start-up: finds work whose queue job is gone (Redis lost it, a crash between two writes)
 * and hands it back to the queue. It never decides an execution's fate itself: the execution processor
 * does, so one found `running` after a change began still becomes `interrupted`, never re-run.
 */
export async function reconcileRuns(deps: SettleRunDeps, logger: Pick<Logger, 'warn' | 'info'>): Promise<{ requeuedExecutions: number; requeuedRuns: number }> {
  let requeuedRuns = 0;
  for (const runId of await deps.runs.runIdsInStatus(['approved'])) {
    if (await deps.runs.transitionRun(runId, ['approved'], 'queued')) requeuedRuns++;
  }
  for (const runId of await deps.runs.runIdsInStatus(['queued'])) {
    await deps.queue.enqueueRun(runId); // job id = run id: a no-op when the job is there
  }
  let requeuedExecutions = 0;
  for (const e of await deps.runs.unfinishedExecutions()) {
    if (await deps.queue.hasLiveExecutionJob(e.id)) continue;
    logger.warn({ runId: e.runId, executionId: e.id, device: e.deviceName, status: e.status }, 'execution had no queue job: handing it back to the queue');
    await deps.queue.enqueueExecution(e.id);
    requeuedExecutions++;
  }
  for (const runId of await deps.runs.runIdsInStatus(['running'])) await settleRun(deps, runId);
  if (requeuedExecutions || requeuedRuns) logger.info({ requeuedExecutions, requeuedRuns }, 'reconciled runs left by a stopped worker');
  return { requeuedExecutions, requeuedRuns };
}
