import { randomUUID } from 'node:crypto';
import type { DeliveryAttempt, NewWebhook, WebhookChanges, WebhookRepository } from '../../../../src/core/ports/webhook-repository.ts';
import type { DeliveryStatus, WebhookDeliveryRecord, WebhookRecord } from '../../../../src/core/webhooks/webhook-records.ts';

/** A fake of the webhook repository port for use-case tests. */
export class InMemoryWebhookRepository implements WebhookRepository {
  readonly hooks = new Map<string, WebhookRecord & { secret: string }>();
  readonly rows = new Map<string, WebhookDeliveryRecord>();

  async list() {
    return [...this.hooks.values()];
  }
  async listActive() {
    return [...this.hooks.values()].filter((h) => h.active);
  }
  async find(ref: string) {
    return this.hooks.get(ref) ?? [...this.hooks.values()].find((h) => h.name === ref) ?? null;
  }
  async create(input: NewWebhook) {
    const now = new Date();
    const hook = { ...input, id: randomUUID(), hasSecret: true, createdAt: now, updatedAt: now };
    this.hooks.set(hook.id, hook);
    return hook;
  }
  async update(id: string, changes: WebhookChanges) {
    const hook = { ...this.hooks.get(id)!, ...changes, updatedAt: new Date() };
    this.hooks.set(id, hook);
    return hook;
  }
  async delete(id: string) {
    return this.hooks.delete(id);
  }
  async signingSecret(id: string) {
    return this.hooks.get(id)?.secret ?? null;
  }
  async createDelivery(input: { webhookId: string; event: string; payload: string }) {
    const now = new Date();
    const row: WebhookDeliveryRecord = {
      ...input, id: randomUUID(), status: 'pending', attempts: 0, responseCode: null, responseBody: null, durationMs: null, error: null,
      nextAttemptAt: null, createdAt: now, updatedAt: now,
    };
    this.rows.set(row.id, row);
    return row;
  }
  async delivery(id: string) {
    return this.rows.get(id) ?? null;
  }
  async recordAttempt(id: string, a: DeliveryAttempt) {
    const row = { ...this.rows.get(id)!, ...a, attempts: this.rows.get(id)!.attempts + 1, updatedAt: new Date() };
    this.rows.set(id, row);
    return row;
  }
  async deliveries(webhookId: string, filter: { status?: DeliveryStatus | undefined }) {
    const items = [...this.rows.values()].filter((d) => d.webhookId === webhookId && (!filter.status || d.status === filter.status));
    return { items, total: items.length };
  }
}
