import { signWebhook } from './webhook-signature.ts';

export interface WebhookRequestInput {
  deliveryId: string;
  event: string;
  /** The event itself (a RunEvent, or the ping's data). */
  data: unknown;
  secret: string;
  customHeaders: Record<string, string>;
  now: Date;
}

/**
 * The body and headers of one delivery attempt. The timestamp is the attempt's (unix seconds) and is part
 * of the signed text, so a receiver can refuse replays of old requests.
 */
export function buildWebhookRequest(input: WebhookRequestInput): { body: string; headers: Record<string, string> } {
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  const body = JSON.stringify({ event: input.event, delivery: input.deliveryId, timestamp: input.now.toISOString(), data: input.data });
  return {
    body,
    headers: {
      ...input.customHeaders,
      'content-type': 'application/json',
      'user-agent': 'NetOps-Bot-Webhook/1',
      'x-netops-event': input.event,
      'x-netops-delivery': input.deliveryId,
      'x-netops-timestamp': timestamp,
      'x-netops-signature': signWebhook(input.secret, timestamp, body),
    },
  };
}
