import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole, type Role } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { createWebhook, deleteWebhook, updateWebhook } from '../../core/webhooks/manage-webhooks.ts';
import { pingWebhook } from '../../core/webhooks/ping-webhook.ts';
import { presentDelivery, presentWebhook } from '../../core/webhooks/present-webhook.ts';
import { redeliverWebhook } from '../../core/webhooks/redeliver-webhook.ts';
import { requireWebhook } from '../../core/webhooks/require-webhook.ts';
import { webhookInputSchema, webhookPatchSchema } from '../../core/webhooks/webhook-input.ts';
import { DELIVERY_STATUSES, type WebhookRecord } from '../../core/webhooks/webhook-records.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageOf, pageQuery, pageSchema, paginate } from './pagination.ts';
import { createdWebhookSchema, deliverySchema, webhookSchema, webhookTestSchema } from './schemas/misc-schemas.ts';

/** What the audit log keeps of a webhook: everything but the secret and custom header values. */
const auditView = (w: WebhookRecord) => ({ ...presentWebhook(w, { revealDetails: true }), headers: Object.keys(w.headers) });

const deliveriesQuery = z.object({ ...pageQuery, status: z.enum(DELIVERY_STATUSES).optional() });
const deliveryParams = z.object({ id: z.string().min(1).max(200), deliveryId: z.string().min(1).max(100) });
const tag = 'webhooks';

/**
 * Webhooks: anyone signed in may look (no secrets; URLs and header values only to admins); admins change and
 * test them. Each route declares its role so the check comes before the body and the webhook are looked at (a
 * viewer gets 403, never 400 or 404); the core use cases check it again.
 */
export async function webhooksRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = ctx.webhookDeps;
  const reveal = (role: Role) => ({ revealDetails: hasRole(role, 'admin') });
  const audit = ctx.audit;

  apiRoute(app, {
    method: 'GET', url: '/webhooks', tag, operationId: 'listWebhooks', summary: 'List webhooks',
    query: z.object(pageQuery), response: { 200: pageSchema(webhookSchema) },
    handler: async ({ query, user }) => paginate((await ctx.webhooks.list()).map((w) => presentWebhook(w, reveal(user.role))), query.page, query.per_page),
  });

  apiRoute(app, {
    method: 'POST', url: '/webhooks', tag, operationId: 'createWebhook', summary: 'Add a webhook', role: ['admin', 'managing webhooks'],
    description: 'Admins only. A secret generated for you is in this response only.',
    body: webhookInputSchema, response: { 201: createdWebhookSchema }, errors: [403, 409],
    handler: async ({ body, user, req, reply }) => {
      const { webhook, generatedSecret } = await createWebhook(deps, body, user);
      await auditApi(audit, req, { type: 'WEBHOOK', action: 'webhook.created', objectType: 'webhook', objectId: webhook.id, newValue: auditView(webhook) });
      reply.header('location', `/api/v1/webhooks/${webhook.id}`);
      return { ...presentWebhook(webhook, { revealDetails: true }), ...(generatedSecret ? { secret: generatedSecret } : {}) };
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/webhooks/:id', tag, operationId: 'getWebhook', summary: 'A webhook',
    params: idOrNameParams, response: { 200: webhookSchema }, errors: [404],
    handler: async ({ params, user }) => presentWebhook(await requireWebhook(ctx.webhooks, params.id), reveal(user.role)),
  });

  apiRoute(app, {
    method: 'PATCH', url: '/webhooks/:id', tag, operationId: 'updateWebhook', summary: 'Change a webhook', role: ['admin', 'managing webhooks'],
    description: 'Admins only. `secret` rotates the signing secret.',
    params: idOrNameParams, body: webhookPatchSchema, response: { 200: webhookSchema }, errors: [403, 404, 409],
    handler: async ({ params, body, user, req }) => {
      const before = await requireWebhook(ctx.webhooks, params.id);
      const after = await updateWebhook(deps, before.id, body, user);
      await auditApi(audit, req, { type: 'WEBHOOK', action: 'webhook.updated', objectType: 'webhook', objectId: after.id, oldValue: auditView(before), newValue: { ...auditView(after), ...(body.secret ? { signing_key_rotated: true } : {}) } });
      return presentWebhook(after, { revealDetails: true });
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/webhooks/:id', tag, operationId: 'deleteWebhook', summary: 'Delete a webhook', role: ['admin', 'managing webhooks'],
    description: 'Admins only.', params: idOrNameParams, response: { 204: null }, errors: [403, 404],
    handler: async ({ params, user, req }) => {
      const removed = await deleteWebhook(deps, params.id, user);
      await auditApi(audit, req, { type: 'WEBHOOK', action: 'webhook.deleted', objectType: 'webhook', objectId: removed.id, oldValue: auditView(removed) });
      return undefined;
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/webhooks/:id/test', tag, operationId: 'testWebhook', summary: 'Send a test event now', role: ['admin', 'testing a webhook'],
    description: "Admins only. Answers the receiver's status, latency and an excerpt of its answer.",
    params: idOrNameParams, response: { 200: webhookTestSchema }, errors: [403, 404],
    handler: async ({ params, user }) => {
      const { delivery, result } = await pingWebhook(deps, params.id, user);
      return { ok: result.ok, status_code: result.responseCode, duration_ms: result.durationMs, response_excerpt: result.responseBody, error: result.error, delivery: presentDelivery(delivery) };
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/webhooks/:id/deliveries', tag, operationId: 'listWebhookDeliveries', summary: "A webhook's deliveries, newest first",
    params: idOrNameParams, query: deliveriesQuery, response: { 200: pageSchema(deliverySchema) }, errors: [404],
    handler: async ({ params, query: q }) => {
      const hook = await requireWebhook(ctx.webhooks, params.id);
      const { items, total } = await ctx.webhooks.deliveries(hook.id, { status: q.status }, { page: q.page, perPage: q.per_page });
      return pageOf(items.map((d) => presentDelivery(d)), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/webhooks/:id/deliveries/:deliveryId', tag, operationId: 'getWebhookDelivery', summary: 'One delivery with the payload sent',
    params: deliveryParams, response: { 200: deliverySchema }, errors: [404],
    handler: async ({ params }) => {
      const hook = await requireWebhook(ctx.webhooks, params.id);
      const delivery = await ctx.webhooks.delivery(params.deliveryId);
      if (!delivery || delivery.webhookId !== hook.id) throw new NetOpsError('NOT_FOUND', `Webhook "${hook.name}" has no delivery ${params.deliveryId}.`, { field: 'deliveryId' });
      return presentDelivery(delivery, { withPayload: true });
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/webhooks/:id/deliveries/:deliveryId/redeliver', tag, operationId: 'redeliverWebhookDelivery', summary: 'Queue a delivery again',
    role: ['admin', 'redelivering a webhook event'],
    description: 'Admins only.', params: deliveryParams, response: { 202: deliverySchema }, errors: [403, 404, 422],
    handler: async ({ params, user }) => presentDelivery(await redeliverWebhook(deps, params.id, params.deliveryId, user)),
  });
}
