/**
 * Hands work to workers. Implemented with BullMQ (src/queue). Job ids are the run / execution ids,
 * so enqueueing the same thing twice is a no-op.
 */
export interface RunQueue {
  enqueueRun(runId: string): Promise<void>;
  enqueueExecution(executionId: string, options?: { delayMs?: number }): Promise<void>;
  /** Runs a delayed execution job (one waiting for a device) now instead of at its next retry. */
  wakeExecution(executionId: string): Promise<void>;
  /** Whether a job for this execution is still waiting, delayed or active (false: none, or it ended). */
  hasLiveExecutionJob(executionId: string): Promise<boolean>;
  /** Moves a pending_approval run to expired at expiresAt unless decided first. */
  scheduleApprovalExpiry(runId: string, at: Date): Promise<void>;
  /** Whether the run's approval-expiry job is still waiting (false: none, e.g. Redis came back empty). */
  hasApprovalExpiry(runId: string): Promise<boolean>;
}
