import type { Logger } from 'pino';
import { expireApproval } from '../approvals/decide-approval.ts';
import { settleRun, type SettleRunDeps } from './settle-run.ts';

export interface ReconcileResult {
  requeuedExecutions: number;
  requeuedRuns: number;
  /** Runs pending approval whose expiry job was missing and was queued again. */
  rearmedExpiries: number;
  /** Runs pending approval past their expiry with no job left to expire them. */
  expiredApprovals: number;
}

/**
 * Runs pending approval: one past its expiry is expired now; one whose expiry job is gone (Redis came back
 * empty) gets it again, for the same moment. Deciding stays with people: nothing here approves or rejects.
 */
async function reconcileApprovals(deps: SettleRunDeps & { now?: () => Date }, logger: Pick<Logger, 'warn' | 'info'>): Promise<{ rearmed: number; expired: number }> {
  let rearmed = 0;
  let expired = 0;
  for (const runId of await deps.runs.runIdsInStatus(['pending_approval'])) {
    const run = await deps.runs.get({ id: runId });
    if (!run?.expiresAt) continue;
    if (run.expiresAt <= (deps.now?.() ?? new Date())) {
      if (await expireApproval(deps, runId)) {
        expired++;
        logger.warn({ runId, expiresAt: run.expiresAt.toISOString() }, 'approval window ended while its expiry job was missing: run expired now');
      }
    } else if (!(await deps.queue.hasApprovalExpiry(runId))) {
      await deps.queue.scheduleApprovalExpiry(runId, run.expiresAt);
      rearmed++;
      logger.warn({ runId, expiresAt: run.expiresAt.toISOString() }, 'run pending approval had no expiry job: armed it again');
    }
  }
  return { rearmed, expired };
}

/**
 * Run at worker start-up and every minute: finds work whose queue job is gone (Redis lost it, a crash between
 * two writes) and hands it back to the queue. It never decides an execution's fate itself: the execution
 * processor does, so one found `running` after a change began still becomes `interrupted`, never re-run.
 */
export async function reconcileRuns(deps: SettleRunDeps & { now?: () => Date }, logger: Pick<Logger, 'warn' | 'info'>): Promise<ReconcileResult> {
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
  const approvals = await reconcileApprovals(deps, logger);
  const result = { requeuedExecutions, requeuedRuns, rearmedExpiries: approvals.rearmed, expiredApprovals: approvals.expired };
  if (Object.values(result).some((n) => n > 0)) logger.info(result, 'reconciled runs whose queue jobs were missing');
  return result;
}
