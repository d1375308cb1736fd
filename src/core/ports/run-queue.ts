/**
 * Hands work to workers. Implemented with BullMQ (src/queue). Job ids are the run / execution ids,
 * so enqueueing the same thing twice is a no-op.
 */
export interface RunQueue {
  enqueueRun(runId: string): Promise<void>;
  enqueueExecution(executionId: string, options?: { delayMs?: number }): Promise<void>;
  /** Moves a pending_approval run to expired at expiresAt unless decided first. */
  scheduleApprovalExpiry(runId: string, at: Date): Promise<void>;
}
