import type { WebhookDeliveryRecord, WebhookRecord } from './webhook-records.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { retryDelayMs } from './retry-policy.ts';
import { sendWebhookAttempt } from './send-webhook.ts';

export type DeliveryOutcome =
  | { kind: 'succeeded' | 'retrying' | 'failed'; delivery: WebhookDeliveryRecord; webhook: WebhookRecord }
  | { kind: 'skipped'; reason: string };

/**
 * Attempt number `attempt` (1-based) of a queued delivery. Stores what happened on the delivery row;
 * `retrying` tells the queue to try again after the back-off, `failed` means it gave up (attempts used
 * up, or an answer that will never change such as 404 or a refused address).
 */
export async function deliverWebhook(deps: WebhookDeps, deliveryId: string, attempt: number): Promise<DeliveryOutcome> {
  const delivery = await deps.webhooks.delivery(deliveryId);
  if (!delivery) return { kind: 'skipped', reason: 'the delivery no longer exists (its webhook was deleted)' };
  if (delivery.status === 'succeeded' || delivery.status === 'failed') return { kind: 'skipped', reason: `the delivery already ${delivery.status}` };
  const webhook = await deps.webhooks.find(delivery.webhookId);
  if (!webhook) return { kind: 'skipped', reason: 'the webhook was deleted' };
  const now = () => deps.now?.() ?? new Date();
  if (!webhook.active) {
    const stored = await deps.webhooks.recordAttempt(delivery.id, {
      status: 'failed', responseCode: null, responseBody: null, durationMs: 0, error: 'the webhook was deactivated before delivery', nextAttemptAt: null,
    });
    return { kind: 'failed', delivery: stored, webhook };
  }
  const secret = await deps.webhooks.signingSecret(webhook.id);
  const data: unknown = JSON.parse(delivery.payload);
  const result = await sendWebhookAttempt(deps, webhook, secret, { deliveryId: delivery.id, event: delivery.event, data });
  const retry = !result.ok && result.retryable && attempt < deps.maxAttempts;
  const status = result.ok ? 'succeeded' : retry ? 'retrying' : 'failed';
  const stored = await deps.webhooks.recordAttempt(delivery.id, {
    status, responseCode: result.responseCode, responseBody: result.responseBody, durationMs: result.durationMs,
    error: result.error, nextAttemptAt: retry ? new Date(now().getTime() + retryDelayMs(deps.retryBaseMs, attempt)) : null,
  });
  return { kind: status, delivery: stored, webhook };
}
