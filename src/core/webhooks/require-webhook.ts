import { NetOpsError } from '../errors/index.ts';
import type { WebhookRepository } from '../ports/webhook-repository.ts';
import type { WebhookRecord } from './webhook-records.ts';

/** The webhook with this id or name, or NOT_FOUND. */
export async function requireWebhook(webhooks: WebhookRepository, ref: string): Promise<WebhookRecord> {
  const hook = await webhooks.find(ref);
  if (!hook) throw new NetOpsError('NOT_FOUND', `No webhook "${ref}".`, { field: 'id' });
  return hook;
}
