import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to replay older requests than this; so do we (either direction, for clock skew). */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 300;

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Checks a request's X-Slack-Signature over the raw body (never a re-serialised one), in constant time,
 * refusing timestamps more than 300 s from now so a captured request cannot be replayed later.
 */
export function verifySlackSignature(input: {
  signingSecret: string; rawBody: string; timestamp: string | undefined; signature: string | undefined; nowSeconds?: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a length difference reveals nothing secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
