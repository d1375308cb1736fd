import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approveRun, rejectRun } from '../../core/approvals/decide-approval.ts';
import { cancelRun } from '../../core/runs/cancel-run.ts';
import { RUN_SOURCES, RUN_STATUSES } from '../../core/runs/run-status.ts';
import { getRunDetail } from '../../core/runs/get-run-detail.ts';
import { presentRun, presentRunDetail } from '../../core/runs/present-run.ts';
import { parseRunRef } from '../../core/commands/run-ref.ts';
import { requestRun } from '../../core/runs/request-run.ts';
import type { AppContext } from '../../main/app-context.ts';
import { pageOf, pageQuery } from './pagination.ts';

const createRunBody = z.strictObject({
  workflow: z.string().min(1),
  target: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  dry_run: z.boolean().default(false),
  idempotency_key: z.string().min(8).max(200).optional(),
});

const decisionBody = z.strictObject({ comment: z.string().max(1000).optional(), reason: z.string().max(1000).optional() });

const listQuery = z.object({
  ...pageQuery,
  status: z.enum(RUN_STATUSES).optional(),
  workflow: z.string().optional(),
  device: z.string().optional(),
  requester: z.string().optional(),
  source: z.enum(RUN_SOURCES).optional(),
});

export async function runsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const base = ctx.config.publicUrl;

  app.post('/runs', async (req, reply) => {
    const body = createRunBody.parse(req.body ?? {});
    const user = req.user!;
    const idempotencyKey = body.idempotency_key ?? (req.headers['idempotency-key'] as string | undefined) ?? null;
    const result = await requestRun(ctx.requestDeps, {
      workflow: body.workflow, target: body.target, params: body.params, dryRun: body.dry_run, source: 'api',
      requester: { id: user.id, name: user.name, role: user.role }, idempotencyKey: idempotencyKey ? `api:${user.id}:${idempotencyKey}` : null,
    });
    return reply.status(result.created ? 202 : 200).header('location', `/api/v1/runs/${result.run.id}`).send({
      ...presentRun(result.run, base),
      devices: result.devices.map((d) => d.name),
    });
  });

  app.get('/runs', async (req) => {
    const q = listQuery.parse(req.query);
    const { items, total } = await ctx.runs.list(q, { page: q.page, perPage: q.per_page });
    return pageOf(items.map((r) => presentRun(r, base)), total, q.page, q.per_page);
  });

  app.get<{ Params: { id: string } }>('/runs/:id', async (req) => {
    return presentRunDetail(await getRunDetail(ctx, parseRunRef(req.params.id)), base);
  });

  app.get<{ Params: { id: string } }>('/runs/:id/diff', async (req) => {
    const run = await getRunDetail(ctx, parseRunRef(req.params.id));
    return { id: run.id, number: run.number, status: run.status, diffs: run.executions.map((e) => ({ device: e.deviceName, status: e.status, diff: e.diff })) };
  });

  app.post<{ Params: { id: string } }>('/runs/:id/approve', async (req) => {
    const body = decisionBody.parse(req.body ?? {});
    const u = req.user!;
    return presentRun(await approveRun(ctx.approvalDeps, parseRunRef(req.params.id), { id: u.id, name: u.name, role: u.role, source: 'api' }, body.comment), base);
  });

  app.post<{ Params: { id: string } }>('/runs/:id/reject', async (req) => {
    const body = decisionBody.parse(req.body ?? {});
    const u = req.user!;
    return presentRun(await rejectRun(ctx.approvalDeps, parseRunRef(req.params.id), { id: u.id, name: u.name, role: u.role, source: 'api' }, body.reason ?? body.comment), base);
  });

  app.post<{ Params: { id: string } }>('/runs/:id/cancel', async (req) => {
    const u = req.user!;
    return presentRun(await cancelRun(ctx, parseRunRef(req.params.id), { name: u.name, role: u.role, source: 'api' }), base);
  });
}
