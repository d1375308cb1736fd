import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { webhookDeliveryRoutes } from './webhook-delivery-routes.ts';
import { webhookFormRoutes } from './webhook-form-routes.ts';

/** The webhooks area: everyone reads (URLs masked below admin, as the API); admins change, test and redeliver. */
export async function webhookPages(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  await app.register(webhookFormRoutes, opts);
  await app.register(webhookDeliveryRoutes, opts);
}
