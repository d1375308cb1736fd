/** HTTP methods a webhook may use to deliver events. */
export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'retrying'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A webhook as stored; its signing secret never leaves the repository except for signing. */
export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  method: WebhookMethod;
  /** Event names or `group.*` patterns; empty = every event. */
  events: string[];
  active: boolean;
  hasSecret: boolean;
  headers: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

/** One event to one webhook; `attempts` counts every try, the other fields describe the latest one. */
export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  event: string;
  /** JSON text of the event data (the `data` member of the body). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  responseBody: string | null;
  durationMs: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Every attempt, oldest first; filled when one delivery is read on its own. */
  attemptLog?: { attempt: number; status: string; responseCode: number | null; responseExcerpt: string | null; durationMs: number; error: string | null; at: Date }[];
}
