import type { WebhookDeps } from './webhook-deps.ts';
import type { WebhookRecord } from './webhook-records.ts';
import { buildWebhookRequest } from './webhook-request.ts';
import { judgeResponse } from './retry-policy.ts';
import { checkWebhookTarget } from './webhook-target.ts';

export interface AttemptResult {
  ok: boolean;
  /** Whether trying again later may succeed (network error, timeout, 5xx, DNS failure). */
  retryable: boolean;
  responseCode: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
}

/**
 * One signed HTTP attempt to a webhook: SSRF check of the URL now (DNS may have changed since it was
 * saved), then a request to the checked address. Never throws: every outcome is an AttemptResult.
 */
export async function sendWebhookAttempt(
  deps: Pick<WebhookDeps, 'targets' | 'sender' | 'timeoutMs' | 'now'>,
  webhook: WebhookRecord,
  secret: string | null,
  message: { deliveryId: string; event: string; data: unknown },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, retryable: boolean): AttemptResult => ({ ok: false, retryable, responseCode: null, responseBody: null, durationMs: elapsed(), error });
  if (!secret) return fail('the webhook has no signing secret: set one (PATCH secret)', false);
  const check = await checkWebhookTarget(deps.targets, webhook.url);
  if (!check.ok) return fail(`url: ${check.message}`, check.kind === 'unresolvable');
  const { body, headers } = buildWebhookRequest({ ...message, secret, customHeaders: webhook.headers, now: deps.now?.() ?? new Date() });
  try {
    const res = await deps.sender.send({ url: check.target.url, method: webhook.method, headers, body, address: check.target.address, timeoutMs: deps.timeoutMs });
    const verdict = judgeResponse(res.status, res.location);
    return { ok: verdict.ok, retryable: verdict.retryable, responseCode: res.status, responseBody: res.bodyExcerpt, durationMs: elapsed(), error: verdict.error };
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err), true);
  }
}
