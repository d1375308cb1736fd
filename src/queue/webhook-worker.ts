import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { deliverWebhook } from '../core/webhooks/deliver-webhook.ts';
import { recoverWebhookDeliveries } from '../core/webhooks/recover-deliveries.ts';
import type { WebhookDeps } from '../core/webhooks/webhook-deps.ts';
import type { AuditEntryInput } from '../core/audit/audit-entry.ts';
import type { AuditLog } from '../core/ports/audit-log.ts';
import type { WebhookDeliveryRecord, WebhookRecord } from '../core/webhooks/webhook-records.ts';
import { QueueNames } from './queue-names.ts';
import { logQueueErrors } from './queue-errors.ts';
import type { WebhookJob } from './webhook-queue.ts';

export interface WebhookWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: WebhookDeps;
  logger: Logger;
  /** Deliveries sent at once by this process (default 10). */
  concurrency?: number;
  /** Where a delivery that gave up is recorded as a WARNING system event (besides the log). */
  audit?: AuditLog;
  /** How often stored deliveries without a queue job are queued again (default 60 000; 0 = only at start). */
  recoverEveryMs?: number;
}

const giveUpEntry = (d: WebhookDeliveryRecord, w: WebhookRecord): AuditEntryInput => ({
  level: 'WARNING', type: 'WEBHOOK', action: 'webhook.delivery_failed', actor: null, source: 'system', objectType: 'webhook', objectId: w.id,
  newValue: { webhook: w.name, delivery: d.id, event: d.event, attempts: d.attempts, responseCode: d.responseCode },
  message: `Webhook ${w.name}: delivery of ${d.event} gave up after ${d.attempts} attempt(s): ${d.error ?? 'failed'}`,
});

/**
 * Sends queued deliveries. A retryable failure throws so BullMQ retries with exponential back-off; a
 * final one throws UnrecoverableError so it stops. The delivery row already says what happened.
 */
export function startWebhookWorker(opts: WebhookWorkerOptions): Worker<WebhookJob> {
  const worker = new Worker<WebhookJob>(
    QueueNames.webhooks,
    async (job) => {
      const outcome = await deliverWebhook(opts.deps, job.data.deliveryId, (job.data.attemptsBefore ?? 0) + job.attemptsMade + 1);
      if (outcome.kind === 'skipped' || outcome.kind === 'succeeded') return outcome.kind;
      const { delivery, webhook } = outcome;
      const context = { webhook: webhook.name, deliveryId: delivery.id, event: delivery.event, attempt: delivery.attempts, responseCode: delivery.responseCode, err: delivery.error };
      if (outcome.kind === 'retrying') {
        opts.logger.info({ ...context, nextAttemptAt: delivery.nextAttemptAt?.toISOString() }, 'webhook delivery failed; will retry');
        throw new Error(delivery.error ?? 'delivery failed');
      }
      opts.logger.warn(context, 'webhook delivery gave up');
      await opts.audit?.record(giveUpEntry(delivery, webhook));
      throw new UnrecoverableError(delivery.error ?? 'delivery failed');
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 10 },
  );
  logQueueErrors(worker, QueueNames.webhooks, opts.logger);
  // Deliveries stored in the database outlive a Redis that comes back empty: queue them again.
  const recover = () => void recoverWebhookDeliveries(opts.deps, opts.logger).catch((err: unknown) => opts.logger.warn({ err: String(err) }, 'webhook delivery recovery failed'));
  recover();
  const every = opts.recoverEveryMs ?? 60_000;
  if (every > 0) {
    const timer = setInterval(recover, every);
    timer.unref();
    worker.once('closing', () => clearInterval(timer));
  }
  return worker;
}
