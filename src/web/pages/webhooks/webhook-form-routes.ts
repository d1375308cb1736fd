import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createWebhook, deleteWebhook, updateWebhook } from '../../../core/webhooks/manage-webhooks.ts';
import { requireWebhook } from '../../../core/webhooks/require-webhook.ts';
import type { WebhookRecord } from '../../../core/webhooks/webhook-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { formRefusalOf } from '../../render/form-errors.ts';
import { flashNext, redirectAfterPost, renderPage } from '../../render/page-render.ts';
import { eventChoices, METHODS, parseWebhookForm, webhookFormFrom, webhookFormOf, webhookPatchOf, type WebhookFormValues } from './webhook-form.ts';
import { auditWebhook } from './webhook-view.ts';

type Id = { Params: { id: string } };

/**
 * Create, edit and delete webhooks (admins, as the API). The URL passes the SSRF guard in the use case;
 * a refusal comes back on the `url` field. A generated secret is shown once, on the page that answers
 * the POST itself — it is never put in the session or rendered again.
 */
export async function webhookFormRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'managing webhooks') };

  const form = (req: FastifyRequest, reply: FastifyReply, values: WebhookFormValues, opts: { before?: WebhookRecord; errors?: Record<string, string>; message?: string; status?: number }) =>
    renderPage(req, reply, 'webhooks/form', {
      title: opts.before ? `Edit webhook ${opts.before.name}` : 'New webhook', nav: 'webhooks', values: { ...values, secret: '' }, before: opts.before,
      errors: opts.errors ?? {}, message: opts.message, eventGroups: eventChoices(values.events), methods: METHODS,
    }, opts.status ?? 200);

  const refused = (req: FastifyRequest, reply: FastifyReply, values: WebhookFormValues, err: unknown, before?: WebhookRecord) => {
    const refusal = formRefusalOf(err);
    if (!refusal) throw err;
    return form(req, reply, values, { before, errors: refusal.errors, message: refusal.message, status: refusal.status });
  };

  app.get('/webhooks/new', admin, async (req, reply) =>
    form(req, reply, { name: '', url: 'https://', method: 'POST', events: ['run.completed'], active: true, secret: '', headers: '' }, {}));

  app.post('/webhooks', admin, async (req, reply) => {
    const values = webhookFormOf(req.body);
    const parsed = parseWebhookForm(values);
    if (!parsed.ok) return form(req, reply, values, { errors: parsed.errors, status: 422 });
    try {
      const { webhook, generatedSecret } = await createWebhook(ctx.webhookDeps, parsed.input, req.user!);
      await auditWebhook(ctx, req, 'webhook.created', null, webhook);
      if (generatedSecret) return renderPage(req, reply, 'webhooks/created', { title: `Webhook ${webhook.name} created`, nav: 'webhooks', webhook, secret: generatedSecret }, 201);
      flashNext(req, 'ok', `Webhook ${webhook.name} created with your secret.`);
      return reply.redirect(`/webhooks/${webhook.id}`, 303);
    } catch (err) {
      return refused(req, reply, values, err);
    }
  });

  app.get<Id>('/webhooks/:id/edit', admin, async (req, reply) => {
    const before = await requireWebhook(ctx.webhooks, req.params.id);
    return form(req, reply, webhookFormFrom(before), { before });
  });

  app.post<Id>('/webhooks/:id', admin, async (req, reply) => {
    const before = await requireWebhook(ctx.webhooks, req.params.id);
    const values = webhookFormOf(req.body);
    const parsed = parseWebhookForm(values);
    if (!parsed.ok) return form(req, reply, values, { before, errors: parsed.errors, status: 422 });
    const patch = webhookPatchOf(before, parsed.input);
    try {
      const after = await updateWebhook(ctx.webhookDeps, before.id, patch, req.user!);
      if (Object.keys(patch).length > 0) {
        await auditWebhook(ctx, req, 'webhook.updated', before, after, { message: patch.secret ? 'signing secret replaced' : undefined });
      }
      flashNext(req, 'ok', Object.keys(patch).length > 0 ? `Webhook ${after.name} saved.` : `Webhook ${after.name} unchanged.`);
      return reply.redirect(`/webhooks/${after.id}`, 303);
    } catch (err) {
      return refused(req, reply, values, err, before);
    }
  });

  app.post<Id>('/webhooks/:id/delete', admin, async (req, reply) => {
    const removed = await deleteWebhook(ctx.webhookDeps, req.params.id, req.user!);
    await auditWebhook(ctx, req, 'webhook.deleted', removed, null);
    flashNext(req, 'ok', `Webhook ${removed.name} and its delivery history deleted.`);
    return redirectAfterPost(req, reply, '/webhooks');
  });
}
