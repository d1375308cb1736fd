import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WebhookDeliveryQueue } from '../core/webhooks/webhook-delivery-queue.ts';
import { hasLiveJob } from './live-job.ts';
import { QueueNames } from './queue-names.ts';
import { logQueueErrors } from './queue-errors.ts';

export interface WebhookJob {
  deliveryId: string;
  /** Attempts made before this job (a delivery recovered after Redis lost its job); absent = 0. */
  attemptsBefore?: number;
}

export interface WebhookQueueOptions {
  /** Attempts per delivery, the first included (default 8). */
  maxAttempts: number;
  /** Exponential back-off base: the n-th retry waits base · 2^(n-1) ms. */
  retryBaseMs: number;
}

/** Producer side of the `webhooks` queue: BullMQ owns the retries and their back-off. */
export class BullmqWebhookQueue implements WebhookDeliveryQueue {
  readonly queue: Queue<WebhookJob>;

  constructor(connection: Redis, prefix: string, private readonly options: WebhookQueueOptions, logger: Pick<Logger, 'warn'>) {
    this.queue = new Queue<WebhookJob>(QueueNames.webhooks, { connection, prefix });
    logQueueErrors(this.queue, QueueNames.webhooks, logger);
  }

  async enqueueDelivery(deliveryId: string, options?: { attemptsMade?: number; delayMs?: number }): Promise<void> {
    const before = options?.attemptsMade ?? 0;
    await this.queue.add('deliver', { deliveryId, ...(before > 0 ? { attemptsBefore: before } : {}) }, {
      jobId: deliveryId,
      attempts: Math.max(1, this.options.maxAttempts - before),
      delay: Math.max(0, options?.delayMs ?? 0),
      backoff: { type: 'exponential', delay: this.options.retryBaseMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  hasLiveDelivery(deliveryId: string): Promise<boolean> {
    return hasLiveJob(this.queue, deliveryId);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
