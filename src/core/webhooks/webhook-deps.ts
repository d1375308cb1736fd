import type { WebhookRepository } from '../ports/webhook-repository.ts';
import type { WebhookDeliveryQueue } from './webhook-delivery-queue.ts';
import type { WebhookSender } from './webhook-sender.ts';
import type { TargetCheckDeps } from './webhook-target.ts';

/** What the webhook use cases need; the composition root builds it once. */
export interface WebhookDeps {
  webhooks: WebhookRepository;
  queue: WebhookDeliveryQueue;
  /** The SSRF guard's resolver and address policy. */
  targets: TargetCheckDeps;
  sender: WebhookSender;
  /** Per attempt, connection to last byte of the excerpt. Default in config: 10 000. */
  timeoutMs: number;
  /** Attempts before a delivery is marked failed. Default in config: 8. */
  maxAttempts: number;
  /** First retry delay; each next one doubles (BullMQ exponential back-off). */
  retryBaseMs: number;
  now?: () => Date;
}
