import { randomBytes } from 'node:crypto';
import { requireRole, type Role } from '../approvals/roles.ts';
import type { WebhookChanges } from '../ports/webhook-repository.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import type { WebhookInput, WebhookPatch } from './webhook-input.ts';
import type { WebhookRecord } from './webhook-records.ts';
import { requireWebhook } from './require-webhook.ts';
import { requireWebhookTarget } from './webhook-target.ts';

type Actor = { name: string; role: Role };
type Deps = Pick<WebhookDeps, 'webhooks' | 'targets'>;

/** Creates a webhook (admin). The URL passes the SSRF guard first; a secret is generated when none is given and returned once. */
export async function createWebhook(deps: Deps, input: WebhookInput, actor: Actor): Promise<{ webhook: WebhookRecord; generatedSecret: string | null }> {
  requireRole(actor, 'admin', 'managing webhooks');
  await requireWebhookTarget(deps.targets, input.url);
  const generatedSecret = input.secret ? null : `whsec_${randomBytes(24).toString('base64url')}`;
  const webhook = await deps.webhooks.create({ ...input, secret: input.secret ?? generatedSecret ?? '' });
  return { webhook, generatedSecret };
}

/** Changes a webhook (admin); a new URL passes the SSRF guard again. */
export async function updateWebhook(deps: Deps, ref: string, patch: WebhookPatch, actor: Actor): Promise<WebhookRecord> {
  requireRole(actor, 'admin', 'managing webhooks');
  const existing = await requireWebhook(deps.webhooks, ref);
  if (patch.url !== undefined) await requireWebhookTarget(deps.targets, patch.url);
  const changes: WebhookChanges = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return deps.webhooks.update(existing.id, changes);
}

/** Deletes a webhook and its delivery history (admin). */
export async function deleteWebhook(deps: Deps, ref: string, actor: Actor): Promise<WebhookRecord> {
  requireRole(actor, 'admin', 'managing webhooks');
  const existing = await requireWebhook(deps.webhooks, ref);
  await deps.webhooks.delete(existing.id);
  return existing;
}
