import { webApi } from '@slack/bolt';

/** Seconds Slack asked us to wait (HTTP 429 Retry-After), or null when the error is not a rate limit. */
export function retryAfterSeconds(err: unknown): number | null {
  const e = err as { code?: string; retryAfter?: number };
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : null;
}

/** Slack's own error string (`not_in_channel`, `invalid_blocks`…) when it answered ok:false. */
export function slackErrorCode(err: unknown): string | null {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? (e.data?.error ?? 'unknown_error') : null;
}

const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/**
 * Slack answered and refused for good (not_in_channel, channel_not_found, invalid_auth…): retrying the
 * same call cannot help, and nothing was posted.
 */
export function isPermanentSlackError(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== null && !TRANSIENT.has(code);
}

/** Safe to log: the Slack error code or the message, never request bodies or tokens. */
export function describeSlackError(err: unknown): string {
  return slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));
}
