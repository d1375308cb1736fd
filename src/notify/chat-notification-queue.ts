import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { RunRepository } from '../core/ports/run-repository.ts';
import type { RunEvent } from '../core/runs/run-events.ts';
import { getRunDetail } from '../core/runs/get-run-detail.ts';
import { QueueNames } from '../queue/queue-names.ts';
import { logQueueErrors } from '../queue/queue-errors.ts';
import type { ChatThreadNotifier } from './chat-thread-notifier.ts';

interface NotificationJob { event: RunEvent }

/** Queues run events for chat delivery: a slow or rate-limited chat API never holds up a run. */
export class ChatNotificationPublisher implements EventPublisher {
  readonly queue: Queue<NotificationJob>;

  constructor(connection: Redis, prefix: string, logger: Pick<Logger, 'warn'>) {
    this.queue = new Queue<NotificationJob>(QueueNames.notifications, { connection, prefix });
    logQueueErrors(this.queue, QueueNames.notifications, logger);
  }

  async publish(event: RunEvent): Promise<void> {
    await this.queue.add(event.type, { event }, {
      attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 1000 }, removeOnFail: { age: 24 * 3600 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Delivers queued events to the notifier of the run's chat platform. Concurrency 1 per process keeps
 * one process's posts in order; notifiers render the run's current state, so order across processes
 * only affects timing, never what the thread finally shows.
 */
export function startChatNotificationWorker(opts: {
  connection: Redis; prefix: string; runs: RunRepository; notifiers: readonly ChatThreadNotifier[]; logger: Logger;
}): Worker<NotificationJob> {
  const worker = new Worker<NotificationJob>(
    QueueNames.notifications,
    async (job) => {
      const { event } = job.data;
      // Config diffs (a snapshot read per device) only matter once the run is over.
      const run = event.type === 'run.completed'
        ? await getRunDetail({ runs: opts.runs }, { id: event.runId }).catch(() => null)
        : await opts.runs.detail({ id: event.runId });
      if (!run?.chat) return;
      const notifier = opts.notifiers.find((n) => n.platform === run.chat?.platform);
      if (!notifier) return;
      await notifier.handle(event, run);
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: 1 },
  );
  logQueueErrors(worker, QueueNames.notifications, opts.logger);
  worker.on('failed', (job, err) =>
    opts.logger.warn({ runId: job?.data.event.runId, event: job?.data.event.type, attempt: job?.attemptsMade, err: err.message }, 'chat notification failed'),
  );
  return worker;
}
