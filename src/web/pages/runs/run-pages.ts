import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { runActionRoutes } from './run-action-routes.ts';
import { runDetailRoutes } from './run-detail-routes.ts';
import { runListRoutes } from './run-list-routes.ts';

/** The runs area: every logged-in user may read runs; the actions check roles in the use cases. */
export async function runPages(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  await app.register(runListRoutes, opts);
  await app.register(runDetailRoutes, opts);
  await app.register(runActionRoutes, opts);
}
