import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { createWebhook, deleteWebhook, updateWebhook } from '../../core/webhooks/manage-webhooks.ts';
import { pingWebhook } from '../../core/webhooks/ping-webhook.ts';
import { presentDelivery, presentWebhook } from '../../core/webhooks/present-webhook.ts';
import { redeliverWebhook } from '../../core/webhooks/redeliver-webhook.ts';
import { requireWebhook } from '../../core/webhooks/require-webhook.ts';
import { webhookInputSchema, webhookPatchSchema } from '../../core/webhooks/webhook-input.ts';
import { DELIVERY_STATUSES, type WebhookRecord } from '../../core/webhooks/webhook-records.ts';
import type { AppContext } from '../../main/app-context.ts';
import { pageOf, pageQuery } from './pagination.ts';

/** What the audit log keeps of a webhook: everything but the secret and custom header values. */
const auditView = (w: WebhookRecord) => ({ ...presentWebhook(w, { revealDetails: true }), headers: Object.keys(w.headers) });

const deliveriesQuery = z.object({ ...pageQuery, status: z.enum(DELIVERY_STATUSES).optional() });
type Id = { Params: { id: string } };

/** Webhooks: anyone signed in may look (no secrets; URLs and header values only to admins); admins change and test. */
export async function webhooksRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = ctx.webhookDeps;
  const admin = (role: Parameters<typeof hasRole>[0]) => ({ revealDetails: hasRole(role, 'admin') });
  const audit = (req: FastifyRequest, action: string, id: string, oldValue: unknown, newValue: unknown) =>
    ctx.audit.record({
      type: 'WEBHOOK', action, actor: req.user, source: 'api', ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
      objectType: 'webhook', objectId: id, oldValue, newValue,
    });

  app.get('/webhooks', async (req) => {
    const items = (await ctx.webhooks.list()).map((w) => presentWebhook(w, admin(req.user!.role)));
    return { items, total: items.length };
  });

  app.post('/webhooks', async (req, reply) => {
    const { webhook, generatedSecret } = await createWebhook(deps, webhookInputSchema.parse(req.body ?? {}), req.user!);
    await audit(req, 'webhook.created', webhook.id, undefined, auditView(webhook));
    // A generated secret is shown this once; it is write-only afterwards.
    return reply.status(201).header('location', `/api/v1/webhooks/${webhook.id}`).send({
      ...presentWebhook(webhook, { revealDetails: true }), ...(generatedSecret ? { secret: generatedSecret } : {}),
    });
  });

  app.get<Id>('/webhooks/:id', async (req) => presentWebhook(await requireWebhook(ctx.webhooks, req.params.id), admin(req.user!.role)));

  app.patch<Id>('/webhooks/:id', async (req) => {
    const patch = webhookPatchSchema.parse(req.body ?? {});
    const before = await requireWebhook(ctx.webhooks, req.params.id);
    const after = await updateWebhook(deps, before.id, patch, req.user!);
    await audit(req, 'webhook.updated', after.id, auditView(before), { ...auditView(after), ...(patch.secret ? { signing_key_rotated: true } : {}) });
    return presentWebhook(after, { revealDetails: true });
  });

  app.delete<Id>('/webhooks/:id', async (req, reply) => {
    const removed = await deleteWebhook(deps, req.params.id, req.user!);
    await audit(req, 'webhook.deleted', removed.id, auditView(removed), undefined);
    return reply.status(204).send();
  });

  app.post<Id>('/webhooks/:id/test', async (req) => {
    const { delivery, result } = await pingWebhook(deps, req.params.id, req.user!);
    return {
      ok: result.ok, status_code: result.responseCode, duration_ms: result.durationMs, response_excerpt: result.responseBody,
      error: result.error, delivery: presentDelivery(delivery),
    };
  });

  app.get<Id>('/webhooks/:id/deliveries', async (req) => {
    const q = deliveriesQuery.parse(req.query);
    const hook = await requireWebhook(ctx.webhooks, req.params.id);
    const { items, total } = await ctx.webhooks.deliveries(hook.id, { status: q.status }, { page: q.page, perPage: q.per_page });
    return pageOf(items.map((d) => presentDelivery(d)), total, q.page, q.per_page);
  });

  app.get<{ Params: { id: string; deliveryId: string } }>('/webhooks/:id/deliveries/:deliveryId', async (req) => {
    const hook = await requireWebhook(ctx.webhooks, req.params.id);
    const delivery = await ctx.webhooks.delivery(req.params.deliveryId);
    if (!delivery || delivery.webhookId !== hook.id) throw new NetOpsError('NOT_FOUND', `Webhook "${hook.name}" has no delivery ${req.params.deliveryId}.`, { field: 'deliveryId' });
    return presentDelivery(delivery, { withPayload: true });
  });

  app.post<{ Params: { id: string; deliveryId: string } }>('/webhooks/:id/deliveries/:deliveryId/redeliver', async (req, reply) => {
    const delivery = await redeliverWebhook(deps, req.params.id, req.params.deliveryId, req.user!);
    return reply.status(202).send(presentDelivery(delivery));
  });
}
