import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RunQueue } from '../core/ports/run-queue.ts';
import { hasLiveJob } from './live-job.ts';
import { QueueNames } from './queue-names.ts';
import { logQueueErrors } from './queue-errors.ts';
import { withTimeout } from './with-timeout.ts';

export interface RunJob { runId: string }
export interface ExecutionJob { executionId: string }
export interface ApprovalExpiryJob { runId: string }

/** How long a producer waits for Redis before the request fails with QUEUE_UNAVAILABLE. */
const ENQUEUE_TIMEOUT_MS = 5000;
const KEEP = { removeOnComplete: { age: 24 * 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** Producer side of the run queues. Job ids are domain ids, so a repeated enqueue is a no-op. */
export class BullmqRunQueue implements RunQueue {
  readonly runs: Queue<RunJob>;
  readonly executions: Queue<ExecutionJob>;
  readonly approvals: Queue<ApprovalExpiryJob>;

  constructor(connection: Redis, prefix: string, logger: Pick<Logger, 'warn'>) {
    const opts = { connection, prefix };
    this.runs = new Queue<RunJob>(QueueNames.runs, opts);
    this.executions = new Queue<ExecutionJob>(QueueNames.executions, opts);
    this.approvals = new Queue<ApprovalExpiryJob>(QueueNames.approvals, opts);
    for (const q of [this.runs, this.executions, this.approvals]) logQueueErrors(q, q.name, logger);
  }

  async enqueueRun(runId: string): Promise<void> {
    await withTimeout(this.runs.add('run', { runId }, { jobId: runId, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...KEEP }), ENQUEUE_TIMEOUT_MS, 'QUEUE_UNAVAILABLE', 'Redis (runs queue)');
  }

  async enqueueExecution(executionId: string, options?: { delayMs?: number }): Promise<void> {
    // No automatic attempts: an execution is never retried blindly; the processor decides what a re-delivery means.
    await withTimeout(this.executions.add('execution', { executionId }, { jobId: executionId, delay: options?.delayMs ?? 0, ...KEEP }), ENQUEUE_TIMEOUT_MS, 'QUEUE_UNAVAILABLE', 'Redis (executions queue)');
  }

  async wakeExecution(executionId: string): Promise<void> {
    const job = await this.executions.getJob(executionId);
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined); // it may have just started
  }

  hasLiveExecutionJob(executionId: string): Promise<boolean> {
    return hasLiveJob(this.executions, executionId);
  }

  hasApprovalExpiry(runId: string): Promise<boolean> {
    return hasLiveJob(this.approvals, `expire-${runId}`);
  }

  async scheduleApprovalExpiry(runId: string, at: Date): Promise<void> {
    await withTimeout(this.approvals.add('expire', { runId }, { jobId: `expire-${runId}`, delay: Math.max(0, at.getTime() - Date.now()), ...KEEP }), ENQUEUE_TIMEOUT_MS, 'QUEUE_UNAVAILABLE', 'Redis (approvals queue)');
  }

  async close(): Promise<void> {
    await Promise.all([this.runs.close(), this.executions.close(), this.approvals.close()]);
  }
}
