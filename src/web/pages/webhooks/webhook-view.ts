import type { FastifyRequest } from 'fastify';
import { hasRole } from '../../../core/approvals/roles.ts';
import { presentWebhook } from '../../../core/webhooks/present-webhook.ts';
import type { WebhookDeliveryRecord, WebhookRecord } from '../../../core/webhooks/webhook-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';

/** A webhook as a page shows it: like the API, URL details and header values only to admins. */
export function webhookView(w: WebhookRecord, viewer: { role: Parameters<typeof hasRole>[0] }) {
  const shown = presentWebhook(w, { revealDetails: hasRole(viewer.role, 'admin') });
  return { ...w, url: shown.url, headerNames: Object.keys(w.headers), state: w.active ? 'active' : 'disabled' };
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** One row of the delivery history: the latest attempt's code, timing, excerpt and error. */
export function deliveryView(d: WebhookDeliveryRecord) {
  return { ...d, payloadText: prettyPayload(d.payload), redeliverable: d.status !== 'pending' && d.status !== 'retrying' };
}

/** What the audit log keeps of a webhook (as the API): everything but the secret and header values. */
function auditView(w: WebhookRecord | null) {
  if (!w) return undefined;
  const { created_at: _created, updated_at: _updated, ...rest } = presentWebhook(w, { revealDetails: true });
  return { ...rest, headers: Object.keys(w.headers) };
}

export async function auditWebhook(ctx: AppContext, req: FastifyRequest, action: string, before: WebhookRecord | null, after: WebhookRecord | null, extra: { message?: string; newValue?: unknown } = {}): Promise<void> {
  await auditWeb(ctx, req, {
    type: 'WEBHOOK', action, actor: req.user, objectType: 'webhook', objectId: (after ?? before)?.id ?? null,
    oldValue: auditView(before), newValue: extra.newValue ?? auditView(after), message: extra.message ?? null,
  });
}
