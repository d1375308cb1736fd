import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { scheduleFormRoutes } from './schedule-form-routes.ts';
import { scheduleListRoutes } from './schedule-list-routes.ts';

/** The schedules area: everyone reads; operators create, edit, enable/disable and delete (as the API). */
export async function schedulePages(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  await app.register(scheduleListRoutes, opts);
  await app.register(scheduleFormRoutes, opts);
}
