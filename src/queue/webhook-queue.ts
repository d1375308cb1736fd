import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WebhookDeliveryQueue } from '../core/webhooks/webhook-delivery-queue.ts';
import { QueueNames } from './queue-names.ts';

export interface WebhookJob { deliveryId: string }

export interface WebhookQueueOptions {
  /** Attempts per delivery, the first included (default 8). */
  maxAttempts: number;
  /** Exponential back-off base: the n-th retry waits base · 2^(n-1) ms. */
  retryBaseMs: number;
}

/** Producer side of the `webhooks` queue: BullMQ owns the retries and their back-off. */
export class BullmqWebhookQueue implements WebhookDeliveryQueue {
  readonly queue: Queue<WebhookJob>;

  constructor(connection: Redis, prefix: string, private readonly options: WebhookQueueOptions) {
    this.queue = new Queue<WebhookJob>(QueueNames.webhooks, { connection, prefix });
  }

  async enqueueDelivery(deliveryId: string): Promise<void> {
    await this.queue.add('deliver', { deliveryId }, {
      jobId: deliveryId,
      attempts: this.options.maxAttempts,
      backoff: { type: 'exponential', delay: this.options.retryBaseMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
