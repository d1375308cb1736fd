import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuditLog } from '../core/ports/audit-log.ts';
import { fireSchedule } from '../core/schedules/fire-schedule.ts';
import type { ScheduleDeps } from '../core/schedules/schedule-deps.ts';
import { syncSchedules } from '../core/schedules/sync-schedules.ts';
import { SCHEDULES_QUEUE, type ScheduleJob } from './schedule-queue.ts';
import { logQueueErrors } from './queue-errors.ts';

export interface ScheduleWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: ScheduleDeps;
  logger: Logger;
  /** Where a refused scheduled run is recorded as a WARNING event (besides the log). */
  audit?: AuditLog;
  /** How often stored schedules are re-armed, so a Redis that restarted empty gets them back (default 60 s). */
  resyncMs?: number;
}

/** Re-arms stored schedules (at start and every minute), then turns each tick into a run request. */
export async function startScheduleWorker(opts: ScheduleWorkerOptions): Promise<Worker<ScheduleJob>> {
  const synced = await syncSchedules(opts.deps);
  if (synced.armed || synced.removed) opts.logger.info(synced, 'schedules armed');
  const worker = new Worker<ScheduleJob>(
    SCHEDULES_QUEUE,
    async (job) => {
      const outcome = await fireSchedule(opts.deps, { ...job.data, fireKey: job.id ?? `${job.data.scheduleId}:${job.timestamp}` });
      if (outcome.kind === 'requested') {
        opts.logger.info({ scheduleId: job.data.scheduleId, runId: outcome.run.id, runNumber: outcome.run.number, status: outcome.run.status }, 'schedule fired');
      } else if (outcome.kind === 'refused') {
        opts.logger.warn({ scheduleId: job.data.scheduleId, code: outcome.code, err: outcome.reason }, 'scheduled run refused');
        await opts.audit?.record({
          level: 'WARNING', type: 'RUN', action: 'schedule.run_refused', actor: null, source: 'schedule', objectType: 'schedule',
          objectId: job.data.scheduleId, newValue: { code: outcome.code }, message: outcome.reason,
        });
      }
      return outcome.kind;
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: 5 },
  );
  // Re-arming is idempotent: this only matters after Redis lost its keys while this worker kept running.
  const resync = setInterval(() => {
    syncSchedules(opts.deps).then(
      () => undefined,
      (err: unknown) => opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 're-arming schedules failed'),
    );
  }, opts.resyncMs ?? 60_000);
  resync.unref();
  worker.on('closed', () => clearInterval(resync));
  worker.on('failed', (job, err) => opts.logger.error({ scheduleId: job?.data.scheduleId, err: err.message }, 'schedule fire failed'));
  logQueueErrors(worker, SCHEDULES_QUEUE, opts.logger);
  return worker;
}
