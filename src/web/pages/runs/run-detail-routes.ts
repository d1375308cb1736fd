import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../main/app-context.ts';
import { renderPage, renderPartial } from '../../render/page-render.ts';
import { loadRunView } from './load-run-view.ts';

const detailQuery = z.object({
  tab: z.enum(['executions', 'diff']).catch('executions'),
  v: z.string().max(40).optional(),
});

/**
 * GET /runs/:ref — the run page. GET /runs/:ref/live — its live partial alone, polled by htmx every
 * 2 s until the run is final (the final partial carries no hx-trigger, so polling stops by itself).
 */
export async function runDetailRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get<{ Params: { ref: string } }>('/runs/:ref', async (req, reply) => {
    const { tab } = detailQuery.parse(req.query);
    const view = await loadRunView(ctx, req, req.params.ref, tab);
    return renderPage(req, reply, 'runs/detail', { title: `Run #${view.run.number}`, nav: 'runs', ...view });
  });

  app.get<{ Params: { ref: string } }>('/runs/:ref/live', async (req, reply) => {
    const { tab, v } = detailQuery.parse(req.query);
    const view = await loadRunView(ctx, req, req.params.ref, tab);
    if (v && v === view.version) return reply.status(204).header('cache-control', 'no-store').send();
    return renderPartial(req, reply, 'runs/run-live', view);
  });
}
