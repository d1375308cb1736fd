import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { expireApproval, type ApprovalDeps } from '../core/approvals/decide-approval.ts';
import { startRun } from '../core/runs/start-run.ts';
import { netOpsErrorFromPrisma } from '../db/prisma-errors.ts';
import { processExecution, type ExecutionProcessorDeps, type ProcessResult } from '../runner/execution-processor.ts';
import type { ApprovalExpiryJob, ExecutionJob, RunJob } from './bullmq-run-queue.ts';
import { QueueNames } from './queue-names.ts';
import { logQueueErrors } from './queue-errors.ts';

/** How long an execution whose database went away waits before it is tried again. */
const DATABASE_RETRY_MS = 2000;

export interface RunWorkersOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** How long an execution waiting for a busy device sleeps before trying the lock again. */
  lockRetryMs: number;
  /** BullMQ job lock: a job whose worker died is handed on after about this long. */
  jobLockMs: number;
  processor: ExecutionProcessorDeps;
  approvals: ApprovalDeps;
  logger: Logger;
}

/** The worker side: runs fan out, executions run on devices, approvals expire. */
export function startRunWorkers(opts: RunWorkersOptions): { close(): Promise<void>; workers: Worker[] } {
  const base = { connection: opts.connection, prefix: opts.prefix };
  const runs = new Worker<RunJob>(
    QueueNames.runs,
    async (job) => {
      await startRun(opts.processor, job.data.runId);
    },
    { ...base, concurrency: 5 },
  );
  const executions = new Worker<ExecutionJob>(
    QueueNames.executions,
    async (job: Job<ExecutionJob>, token?: string) => {
      let result: ProcessResult;
      try {
        result = await processExecution(opts.processor, job.data.executionId);
      } catch (err) {
        // The database went away mid-execution: come back when it may be up again. Safe, because the processor
        // records a change before sending it: a retried execution restarts only if none began, else it is interrupted.
        if (netOpsErrorFromPrisma(err)?.code !== 'DATABASE_UNAVAILABLE') throw err;
        opts.logger.warn({ executionId: job.data.executionId, retryInMs: DATABASE_RETRY_MS, err: err instanceof Error ? err.message.trim().split('\n').pop() : String(err) }, 'database unavailable: execution will be retried');
        await job.moveToDelayed(Date.now() + DATABASE_RETRY_MS, token);
        throw new DelayedError();
      }
      if (result.kind === 'waiting') {
        await job.moveToDelayed(Date.now() + opts.lockRetryMs, token);
        throw new DelayedError();
      }
      return result;
    },
    // A stalled job (its worker died) comes back; the processor turns it into `interrupted` if a change began.
    { ...base, concurrency: opts.concurrency, maxStalledCount: 3, lockDuration: opts.jobLockMs, stalledInterval: opts.jobLockMs },
  );
  const approvals = new Worker<ApprovalExpiryJob>(
    QueueNames.approvals,
    async (job) => {
      await expireApproval(opts.approvals, job.data.runId);
    },
    { ...base, concurrency: 5 },
  );
  const workers = [runs, executions, approvals];
  for (const w of workers) {
    w.on('failed', (job, err) => opts.logger.error({ queue: w.name, jobId: job?.id, err: err.message }, 'job failed'));
    logQueueErrors(w, w.name, opts.logger);
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
