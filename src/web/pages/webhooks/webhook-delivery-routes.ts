import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pingWebhook } from '../../../core/webhooks/ping-webhook.ts';
import { redeliverWebhook } from '../../../core/webhooks/redeliver-webhook.ts';
import { requireWebhook } from '../../../core/webhooks/require-webhook.ts';
import { DELIVERY_STATUSES, type WebhookRecord } from '../../../core/webhooks/webhook-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { pageNumber } from '../../render/form-values.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';
import { pagerFor } from '../../render/pager.ts';
import { auditWebhook, deliveryView, webhookView } from './webhook-view.ts';

type Id = { Params: { id: string } };
const deliveryQuery = z.object({
  page: pageNumber,
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(DELIVERY_STATUSES).optional()),
});
const DELIVERIES_PER_PAGE = 20;

/**
 * GET /webhooks and /webhooks/:id (settings, a test button and the delivery history with attempts,
 * response codes and excerpts). Testing and redelivering are for admins; the history answers htmx
 * with #delivery-table, and a test also refreshes it out of band so the ping shows in the history.
 */
export async function webhookDeliveryRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'testing and redelivering webhooks') };

  const history = async (hook: WebhookRecord, q: z.infer<typeof deliveryQuery>) => {
    const { items, total } = await ctx.webhooks.deliveries(hook.id, { status: q.status }, { page: q.page, perPage: DELIVERIES_PER_PAGE });
    const { page: _page, ...filters } = q;
    return { hook: { id: hook.id }, deliveries: items.map(deliveryView), filters, statuses: DELIVERY_STATUSES, pager: pagerFor(`/webhooks/${hook.id}`, filters, q.page, DELIVERIES_PER_PAGE, total) };
  };

  const deliveriesAnswer = async (req: FastifyRequest, reply: FastifyReply, hook: WebhookRecord, extra: Record<string, unknown> = {}) =>
    renderPartial(req, reply, 'webhooks/deliveries', { ...(await history(hook, { page: 1, status: undefined })), ...extra });

  app.get('/webhooks', async (req, reply) =>
    renderPage(req, reply, 'webhooks/list', { title: 'Webhooks', nav: 'webhooks', webhooks: (await ctx.webhooks.list()).map((w) => webhookView(w, req.user!)) }));

  app.get<Id>('/webhooks/:id', async (req, reply) => {
    const hook = await requireWebhook(ctx.webhooks, req.params.id);
    const data = await history(hook, deliveryQuery.parse(req.query));
    if (htmxTarget(req) === 'delivery-table') return renderPartial(req, reply, 'webhooks/deliveries', data);
    return renderPage(req, reply, 'webhooks/detail', { title: `Webhook ${hook.name}`, nav: 'webhooks', webhook: webhookView(hook, req.user!), ...data });
  });

  app.post<Id>('/webhooks/:id/test', admin, async (req, reply) => {
    const hook = await requireWebhook(ctx.webhooks, req.params.id);
    const { delivery, result } = await pingWebhook(ctx.webhookDeps, hook.id, req.user!);
    await auditWebhook(ctx, req, 'webhook.tested', null, hook, {
      newValue: { delivery: delivery.id, status_code: result.responseCode, duration_ms: result.durationMs, ok: result.ok },
      message: result.ok ? `receiver answered ${result.responseCode} in ${result.durationMs} ms` : `test failed: ${result.error ?? result.responseCode}`,
    });
    return renderPartial(req, reply, 'webhooks/test-result', { result, history: { ...(await history(hook, { page: 1, status: undefined })), oob: true } });
  });

  app.post<{ Params: { id: string; deliveryId: string } }>('/webhooks/:id/deliveries/:deliveryId/redeliver', admin, async (req, reply) => {
    const hook = await requireWebhook(ctx.webhooks, req.params.id);
    const delivery = await redeliverWebhook(ctx.webhookDeps, hook.id, req.params.deliveryId, req.user!);
    await auditWebhook(ctx, req, 'webhook.redelivered', null, hook, { newValue: { of: req.params.deliveryId, delivery: delivery.id, event: delivery.event } });
    return deliveriesAnswer(req, reply, hook, { flash: { kind: 'ok', text: `Event ${delivery.event} queued for delivery again (new delivery ${delivery.id.slice(0, 8)}).` } });
  });
}
