import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildWebhookRequest } from '../../../../src/core/webhooks/webhook-request.ts';
import { signWebhook, verifyWebhookSignature } from '../../../../src/core/webhooks/webhook-signature.ts';

describe('webhook request signing', () => {
  it('signs "{timestamp}.{body}" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', 'topsecret-topsecret').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhook('topsecret-topsecret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('builds the body and headers a receiver can verify', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    const event = { type: 'run.completed', runId: 'r1', runNumber: 7, at: now.toISOString() };
    const { body, headers } = buildWebhookRequest({
      deliveryId: 'd-1', event: 'run.completed', data: event, secret: 'topsecret-topsecret', customHeaders: { 'X-Team': 'neteng' }, now,
    });
    expect(JSON.parse(body)).toEqual({ event: 'run.completed', delivery: 'd-1', timestamp: now.toISOString(), data: event });
    expect(headers).toMatchObject({
      'X-Team': 'neteng', 'content-type': 'application/json', 'x-netops-event': 'run.completed', 'x-netops-delivery': 'd-1', 'x-netops-timestamp': '1767323045',
    });
    expect(verifyWebhookSignature('topsecret-topsecret', headers['x-netops-timestamp']!, body, headers['x-netops-signature']!)).toBe(true);
    expect(verifyWebhookSignature('another-secret-xx', headers['x-netops-timestamp']!, body, headers['x-netops-signature']!)).toBe(false);
    expect(verifyWebhookSignature('topsecret-topsecret', '1767323046', body, headers['x-netops-signature']!)).toBe(false);
  });
});
