import type { EventPublisher } from '../../core/ports/event-publisher.ts';
import type { WebhookRepository } from '../../core/ports/webhook-repository.ts';
import type { RunEvent } from '../../core/runs/run-events.ts';
import { queueWebhookDeliveries } from '../../core/webhooks/queue-webhook-deliveries.ts';
import type { WebhookDeliveryQueue } from '../../core/webhooks/webhook-delivery-queue.ts';

/** The notifier port's webhook subscriber: stores and queues one delivery per subscribed webhook. */
export class WebhookEventPublisher implements EventPublisher {
  constructor(private readonly deps: { webhooks: WebhookRepository; queue: WebhookDeliveryQueue }) {}

  async publish(event: RunEvent): Promise<void> {
    await queueWebhookDeliveries(this.deps, event);
  }
}
