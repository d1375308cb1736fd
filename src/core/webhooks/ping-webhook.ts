import { requireRole, type Role } from '../approvals/roles.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import type { WebhookDeliveryRecord } from './webhook-records.ts';
import { requireWebhook } from './require-webhook.ts';
import { sendWebhookAttempt, type AttemptResult } from './send-webhook.ts';

/**
 * Sends a signed `ping` to a webhook now (not queued, no retry; works on inactive webhooks too) and
 * stores it in the delivery history, so an admin sees at once whether the receiver and its secret work.
 */
export async function pingWebhook(deps: WebhookDeps, ref: string, actor: { name: string; role: Role }): Promise<{ delivery: WebhookDeliveryRecord; result: AttemptResult }> {
  requireRole(actor, 'admin', 'testing a webhook');
  const webhook = await requireWebhook(deps.webhooks, ref);
  const data = { webhook: { id: webhook.id, name: webhook.name }, message: 'NetOps Bot webhook test', requestedBy: actor.name };
  const delivery = await deps.webhooks.createDelivery({ webhookId: webhook.id, event: 'ping', payload: JSON.stringify(data) });
  const secret = await deps.webhooks.signingSecret(webhook.id);
  const result = await sendWebhookAttempt(deps, webhook, secret, { deliveryId: delivery.id, event: 'ping', data });
  const stored = await deps.webhooks.recordAttempt(delivery.id, {
    status: result.ok ? 'succeeded' : 'failed', responseCode: result.responseCode, responseBody: result.responseBody,
    durationMs: result.durationMs, error: result.error, nextAttemptAt: null,
  });
  return { delivery: stored, result };
}
