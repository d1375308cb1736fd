import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { deviceActionRoutes } from './device-action-routes.ts';
import { deviceFormRoutes } from './device-form-routes.ts';
import { deviceHistoryRoutes } from './device-history-routes.ts';
import { deviceListRoutes } from './device-list-routes.ts';
import { WebDeviceStore } from './device-store.ts';

/** The devices area: everyone reads; operators create, edit, test and import; admins delete. */
export async function devicePages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const opts = { ctx, store: new WebDeviceStore(ctx.devices, ctx.credentials) };
  await app.register(deviceListRoutes, opts);
  await app.register(deviceFormRoutes, opts);
  await app.register(deviceActionRoutes, opts);
  await app.register(deviceHistoryRoutes, opts);
}
