import type { Logger } from 'pino';
import type { WebhookDeps } from './webhook-deps.ts';

const PAGE = 200;

/**
 * Deliveries stored as pending or retrying whose queue job is gone (Redis came back empty) are queued
 * again, keeping their attempt count and the time of their next try. Run by the webhook worker at start-up
 * and every minute. A delivery is an HTTP notification, not a device change: sending it late beats never.
 */
export async function recoverWebhookDeliveries(deps: Pick<WebhookDeps, 'webhooks' | 'queue' | 'now'>, logger: Pick<Logger, 'warn'>): Promise<number> {
  let requeued = 0;
  const now = (deps.now?.() ?? new Date()).getTime();
  for (const hook of await deps.webhooks.list()) {
    for (const status of ['pending', 'retrying'] as const) {
      // Re-queued rows keep their status, so walking the pages in order stays stable.
      for (let page = 1; ; page++) {
        const { items } = await deps.webhooks.deliveries(hook.id, { status }, { page, perPage: PAGE });
        for (const d of items) {
          if (await deps.queue.hasLiveDelivery(d.id)) continue;
          const delayMs = d.nextAttemptAt ? d.nextAttemptAt.getTime() - now : 0;
          await deps.queue.enqueueDelivery(d.id, { attemptsMade: d.attempts, delayMs });
          logger.warn({ webhook: hook.name, deliveryId: d.id, event: d.event, status, attempts: d.attempts }, 'webhook delivery had no queue job: queued it again');
          requeued++;
        }
        if (items.length < PAGE) break;
      }
    }
  }
  return requeued;
}
