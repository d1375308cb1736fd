import type { WebhookDeliveryRecord, WebhookRecord } from './webhook-records.ts';

const MASK = '********';

/** Hides what may carry a credential (a token in the URL path or query, header values) from non-admins. */
function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const rest = url.pathname !== '/' || url.search !== '';
    return `${url.protocol}//${url.host}${rest ? '/…' : '/'}`;
  } catch {
    return MASK;
  }
}

/** A webhook as the API shows it: never the secret; URL details and header values only to admins. */
export function presentWebhook(w: WebhookRecord, opts: { revealDetails: boolean }) {
  return {
    id: w.id,
    name: w.name,
    url: opts.revealDetails ? w.url : maskUrl(w.url),
    method: w.method,
    events: w.events,
    active: w.active,
    has_secret: w.hasSecret,
    headers: opts.revealDetails ? w.headers : Object.fromEntries(Object.keys(w.headers).map((k) => [k, MASK])),
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}

/** One delivery; `payload` (the event) is included on request (the detail view), not in lists. */
export function presentDelivery(d: WebhookDeliveryRecord, opts: { withPayload: boolean } = { withPayload: false }) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    response_code: d.responseCode,
    response_excerpt: d.responseBody,
    duration_ms: d.durationMs,
    error: d.error,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    ...(opts.withPayload ? { payload: JSON.parse(d.payload) as unknown } : {}),
    ...(d.attemptLog
      ? { attempt_log: d.attemptLog.map((a) => ({ attempt: a.attempt, status: a.status, response_code: a.responseCode, response_excerpt: a.responseExcerpt, duration_ms: a.durationMs, error: a.error, at: a.at.toISOString() })) }
      : {}),
  };
}
