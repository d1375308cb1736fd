import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ScheduleTimer } from '../core/schedules/schedule-timer.ts';
import { logQueueErrors } from './queue-errors.ts';

/** The queue whose job schedulers fire schedules (not in QueueNames yet: it is new with schedules). */
export const SCHEDULES_QUEUE = 'schedules';

export interface ScheduleJob {
  scheduleId: string;
  cron: string;
  timezone: string;
}

/**
 * ScheduleTimer on BullMQ job schedulers, one per schedule keyed by its id: upsert replaces the timing
 * and the pending next job; remove drops both. BullMQ's own cron-parser computes the fire times.
 */
export class BullmqScheduleTimer implements ScheduleTimer {
  readonly queue: Queue<ScheduleJob>;

  constructor(connection: Redis, prefix: string, logger: Pick<Logger, 'warn'>) {
    this.queue = new Queue<ScheduleJob>(SCHEDULES_QUEUE, { connection, prefix });
    logQueueErrors(this.queue, SCHEDULES_QUEUE, logger);
  }

  async arm(schedule: { id: string; cron: string; timezone: string }): Promise<void> {
    await this.queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.cron, tz: schedule.timezone },
      {
        name: 'fire',
        data: { scheduleId: schedule.id, cron: schedule.cron, timezone: schedule.timezone },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 200 }, removeOnFail: { count: 500 } },
      },
    );
  }

  async disarm(scheduleId: string): Promise<void> {
    await this.queue.removeJobScheduler(scheduleId);
  }

  async armedIds(): Promise<string[]> {
    const all = await this.queue.getJobSchedulers(0, -1, true);
    return all.map((s) => s.id ?? s.key);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
