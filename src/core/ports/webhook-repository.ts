import type { DeliveryStatus, WebhookDeliveryRecord, WebhookMethod, WebhookRecord } from '../webhooks/webhook-records.ts';

export interface NewWebhook {
  name: string;
  url: string;
  method: WebhookMethod;
  events: string[];
  active: boolean;
  /** Plain text; the repository encrypts it at rest. */
  secret: string;
  headers: Record<string, string>;
}

/** Fields to change; an omitted field keeps its value, a given `secret` replaces the stored one. */
export type WebhookChanges = Partial<NewWebhook>;

/** What one attempt produced; the repository adds one to `attempts`. */
export interface DeliveryAttempt {
  status: Exclude<DeliveryStatus, 'pending'>;
  responseCode: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: Date | null;
}

/**
 * Webhooks and their deliveries. Covers storage only: URL checks, signing and sending live in core
 * and the sender. Secrets are write-only: records say `hasSecret`; `signingSecret` is for the sender.
 */
export interface WebhookRepository {
  list(): Promise<WebhookRecord[]>;
  listActive(): Promise<WebhookRecord[]>;
  /** By id or by name. */
  find(ref: string): Promise<WebhookRecord | null>;
  /** Throws ALREADY_EXISTS when the name is taken. */
  create(input: NewWebhook): Promise<WebhookRecord>;
  update(id: string, changes: WebhookChanges): Promise<WebhookRecord>;
  delete(id: string): Promise<boolean>;
  signingSecret(id: string): Promise<string | null>;

  createDelivery(input: { webhookId: string; event: string; payload: string }): Promise<WebhookDeliveryRecord>;
  delivery(id: string): Promise<WebhookDeliveryRecord | null>;
  recordAttempt(id: string, attempt: DeliveryAttempt): Promise<WebhookDeliveryRecord>;
  /** Newest first. */
  deliveries(webhookId: string, filter: { status?: DeliveryStatus | undefined }, page: { page: number; perPage: number }): Promise<{ items: WebhookDeliveryRecord[]; total: number }>;
}
