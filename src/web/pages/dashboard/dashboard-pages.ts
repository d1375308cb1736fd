import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { renderPage, renderPartial } from '../../render/page-render.ts';
import { loadDashboard, loadDashboardLive } from './dashboard-data.ts';

/** GET / — the dashboard; GET /dashboard/live — its approvals/running/failures part, polled every 10 s. */
export async function dashboardPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/', async (req, reply) => renderPage(req, reply, 'dashboard', { title: 'Dashboard', nav: 'dashboard', ...(await loadDashboard(ctx)) }));
  app.get('/dashboard/live', async (req, reply) => renderPartial(req, reply, 'dashboard/dashboard-live', await loadDashboardLive(ctx)));
}
