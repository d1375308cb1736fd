import type { DeliveryAttempt, NewWebhook, WebhookChanges, WebhookRepository } from '../core/ports/webhook-repository.ts';
import { NetOpsError } from '../core/errors/index.ts';
import type { SecretBox } from '../core/secrets/secret-box.ts';
import type { DeliveryStatus, WebhookDeliveryRecord, WebhookMethod, WebhookRecord } from '../core/webhooks/webhook-records.ts';
import type { PrismaClient } from './prisma-client.ts';

interface WebhookRow {
  id: string; name: string; url: string; method: string; events: string; active: boolean; secretEnc: string | null; headers: string;
  createdAt: Date; updatedAt: Date;
}
interface DeliveryRow {
  id: string; webhookId: string; event: string; payload: string; status: string; attempts: number; responseCode: number | null;
  responseBody: string | null; durationMs: number | null; error: string | null; nextAttemptAt: Date | null; createdAt: Date; updatedAt: Date;
}

const toWebhook = (r: WebhookRow): WebhookRecord => ({
  id: r.id, name: r.name, url: r.url, method: r.method as WebhookMethod, events: JSON.parse(r.events) as string[], active: r.active,
  hasSecret: r.secretEnc !== null, headers: JSON.parse(r.headers) as Record<string, string>, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const toDelivery = (r: DeliveryRow): WebhookDeliveryRecord => ({ ...r, status: r.status as DeliveryStatus });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameTaken(err: unknown, name: string | undefined): never {
  if ((err as { code?: string }).code === 'P2002') throw new NetOpsError('ALREADY_EXISTS', `A webhook named "${name}" already exists.`, { field: 'name' });
  throw err;
}

/** Webhooks with their secret encrypted by the secret box, and their delivery history. */
export class PrismaWebhookRepository implements WebhookRepository {
  constructor(private readonly prisma: PrismaClient, private readonly box: SecretBox) {}

  async list(): Promise<WebhookRecord[]> {
    return (await this.prisma.webhook.findMany({ orderBy: { name: 'asc' } })).map(toWebhook);
  }

  async listActive(): Promise<WebhookRecord[]> {
    return (await this.prisma.webhook.findMany({ where: { active: true }, orderBy: { name: 'asc' } })).map(toWebhook);
  }

  async find(ref: string): Promise<WebhookRecord | null> {
    const row = UUID.test(ref)
      ? await this.prisma.webhook.findUnique({ where: { id: ref } })
      : await this.prisma.webhook.findUnique({ where: { name: ref } });
    return row ? toWebhook(row) : null;
  }

  async create(input: NewWebhook): Promise<WebhookRecord> {
    const row = await this.prisma.webhook
      .create({
        data: {
          name: input.name, url: input.url, method: input.method, events: JSON.stringify(input.events), active: input.active,
          secretEnc: this.box.encrypt(input.secret), headers: JSON.stringify(input.headers),
        },
      })
      .catch((err: unknown) => nameTaken(err, input.name));
    return toWebhook(row);
  }

  async update(id: string, changes: WebhookChanges): Promise<WebhookRecord> {
    const row = await this.prisma.webhook.update({ where: { id }, data: this.toData(changes) }).catch((err: unknown) => nameTaken(err, changes.name));
    return toWebhook(row);
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.webhook.deleteMany({ where: { id } });
    return count === 1;
  }

  async signingSecret(id: string): Promise<string | null> {
    const row = await this.prisma.webhook.findUnique({ where: { id }, select: { secretEnc: true } });
    return row?.secretEnc ? this.box.decrypt(row.secretEnc) : null;
  }

  async createDelivery(input: { webhookId: string; event: string; payload: string }): Promise<WebhookDeliveryRecord> {
    return toDelivery(await this.prisma.webhookDelivery.create({ data: input }));
  }

  async delivery(id: string): Promise<WebhookDeliveryRecord | null> {
    if (!UUID.test(id)) return null;
    const row = await this.prisma.webhookDelivery.findUnique({ where: { id }, include: { attemptLog: { orderBy: { attempt: 'asc' } } } });
    if (!row) return null;
    return {
      ...toDelivery(row),
      attemptLog: row.attemptLog.map((a) => ({ attempt: a.attempt, status: a.status, responseCode: a.responseCode, responseExcerpt: a.responseExcerpt, durationMs: a.durationMs, error: a.error, at: a.createdAt })),
    };
  }

  async recordAttempt(id: string, a: DeliveryAttempt): Promise<WebhookDeliveryRecord> {
    const row = await this.prisma.webhookDelivery.update({
      where: { id },
      data: {
        status: a.status, attempts: { increment: 1 }, responseCode: a.responseCode, responseBody: a.responseBody,
        durationMs: Math.round(a.durationMs), error: a.error, nextAttemptAt: a.nextAttemptAt,
      },
    });
    await this.prisma.webhookDeliveryAttempt.create({
      data: { deliveryId: id, attempt: row.attempts, status: a.status, responseCode: a.responseCode, responseExcerpt: a.responseBody, durationMs: Math.round(a.durationMs), error: a.error },
    });
    return toDelivery(row);
  }

  async deliveries(webhookId: string, filter: { status?: DeliveryStatus | undefined }, page: { page: number; perPage: number }) {
    const where = { webhookId, ...(filter.status ? { status: filter.status } : {}) };
    const [rows, total] = await Promise.all([
      this.prisma.webhookDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.webhookDelivery.count({ where }),
    ]);
    return { items: rows.map(toDelivery), total };
  }

  private toData(input: WebhookChanges) {
    return {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.method !== undefined ? { method: input.method } : {}),
      ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.secret !== undefined ? { secretEnc: this.box.encrypt(input.secret) } : {}),
      ...(input.headers !== undefined ? { headers: JSON.stringify(input.headers) } : {}),
    };
  }
}
