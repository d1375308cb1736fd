import type { FastifyInstance } from 'fastify';
import { RUN_SOURCES, RUN_STATUSES } from '../../../core/runs/run-status.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';
import { pagerFor } from '../../render/pager.ts';
import { listRunsForWeb, runListQuery, RUNS_PER_PAGE } from './run-list-query.ts';

/** GET /runs: filters + table; the filter form swaps only #run-table (same partial as the page). */
export async function runListRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/runs', async (req, reply) => {
    const q = runListQuery.parse(req.query);
    const { items, total } = await listRunsForWeb(ctx.runs, q);
    const { page: _page, ...filters } = q;
    const data = {
      runs: items, filters, pager: pagerFor('/runs', filters, q.page, RUNS_PER_PAGE, total),
      statuses: RUN_STATUSES, sources: RUN_SOURCES, workflows: (await ctx.workflows.list()).map((w) => w.name),
    };
    if (htmxTarget(req) === 'run-table') return renderPartial(req, reply, 'runs/run-table', data);
    return renderPage(req, reply, 'runs/list', { title: 'Runs', nav: 'runs', ...data });
  });
}
