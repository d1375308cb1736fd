import { requireRole, type Role } from '../approvals/roles.ts';
import { NetOpsError } from '../errors/index.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import type { WebhookDeliveryRecord } from './webhook-records.ts';
import { requireWebhook } from './require-webhook.ts';

/** Queues a new delivery (new id, fresh attempts) of a past delivery's event (admin). */
export async function redeliverWebhook(deps: Pick<WebhookDeps, 'webhooks' | 'queue'>, ref: string, deliveryId: string, actor: { name: string; role: Role }): Promise<WebhookDeliveryRecord> {
  requireRole(actor, 'admin', 'redelivering a webhook event');
  const webhook = await requireWebhook(deps.webhooks, ref);
  const past = await deps.webhooks.delivery(deliveryId);
  if (!past || past.webhookId !== webhook.id) throw new NetOpsError('NOT_FOUND', `Webhook "${webhook.name}" has no delivery ${deliveryId}.`, { field: 'deliveryId' });
  const delivery = await deps.webhooks.createDelivery({ webhookId: webhook.id, event: past.event, payload: past.payload });
  await deps.queue.enqueueDelivery(delivery.id);
  return delivery;
}
