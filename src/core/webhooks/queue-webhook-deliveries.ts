import type { WebhookRepository } from '../ports/webhook-repository.ts';
import type { RunEvent } from '../runs/run-events.ts';
import { matchesEventFilter } from './event-filter.ts';
import type { WebhookDeliveryQueue } from './webhook-delivery-queue.ts';

/**
 * Stores one delivery per active webhook that subscribed to the event and queues it. Only a database
 * insert and a queue add happen here: sending is the worker's, so a slow receiver never holds up a run.
 */
export async function queueWebhookDeliveries(deps: { webhooks: WebhookRepository; queue: WebhookDeliveryQueue }, event: RunEvent): Promise<number> {
  const hooks = (await deps.webhooks.listActive()).filter((w) => matchesEventFilter(w.events, event.type));
  const payload = JSON.stringify(event);
  for (const hook of hooks) {
    const delivery = await deps.webhooks.createDelivery({ webhookId: hook.id, event: event.type, payload });
    await deps.queue.enqueueDelivery(delivery.id);
  }
  return hooks.length;
}
