import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { renderPage } from '../../render/page-render.ts';

/** GET /workflows — every workflow with its current version, approval rule and platforms. */
export async function workflowListRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/workflows', async (req, reply) =>
    renderPage(req, reply, 'workflows/list', { title: 'Workflows', nav: 'workflows', workflows: await ctx.workflows.list() }));
}
