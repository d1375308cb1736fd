import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approveRun, rejectRun } from '../../core/approvals/decide-approval.ts';
import { parseRunRef } from '../../core/commands/run-ref.ts';
import type { UserRecord } from '../../core/ports/user-repository.ts';
import { cancelRun } from '../../core/runs/cancel-run.ts';
import { getRunDetail } from '../../core/runs/get-run-detail.ts';
import { presentRun, presentRunDetail } from '../../core/runs/present-run.ts';
import { requestRun } from '../../core/runs/request-run.ts';
import { RUN_SOURCES, RUN_STATUSES } from '../../core/runs/run-status.ts';
import type { AppContext } from '../../main/app-context.ts';
import { apiRoute } from './api-route.ts';
import { runRefParams } from './api-schemas.ts';
import { pageOf, pageQuery, pageSchema } from './pagination.ts';
import { createdRunSchema, createRunBody, decisionBody, runDetailSchema, runDiffSchema, runSchema } from './schemas/run-schemas.ts';

const listQuery = z.object({
  ...pageQuery,
  status: z.enum(RUN_STATUSES).optional(),
  workflow: z.string().max(128).optional(),
  device: z.string().max(128).optional(),
  requester: z.string().max(128).optional(),
  source: z.enum(RUN_SOURCES).optional(),
});

const tag = 'runs';

/** Runs: request (202), list, detail, config diff, approve / reject / cancel. `:id` is the run number or id. */
export async function runsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const base = ctx.config.publicUrl;
  const actor = (u: UserRecord) => ({ id: u.id, name: u.name, role: u.role, source: 'api' as const });

  apiRoute(app, {
    method: 'POST', url: '/runs', tag, operationId: 'createRun', summary: 'Request a run',
    description: 'Validates everything first (workflow, target, params), so bad input queues nothing. Waits for approval when the workflow requires it.',
    role: ['operator', 'starting a run'], body: createRunBody, response: { 202: createdRunSchema, 200: createdRunSchema }, errors: [404, 422],
    handler: async ({ body, user, req, reply }) => {
      const header = req.headers['idempotency-key'];
      const idempotencyKey = body.idempotency_key ?? (typeof header === 'string' ? header : null);
      const result = await requestRun(ctx.requestDeps, {
        workflow: body.workflow, target: body.target, params: body.params, dryRun: body.dry_run, source: 'api',
        requester: { id: user.id, name: user.name, role: user.role }, idempotencyKey: idempotencyKey ? `api:${user.id}:${idempotencyKey}` : null,
      });
      reply.code(result.created ? 202 : 200).header('location', `/api/v1/runs/${result.run.id}`);
      return { ...presentRun(result.run, base), devices: result.devices.map((d) => d.name) };
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/runs', tag, operationId: 'listRuns', summary: 'List runs, newest first',
    query: listQuery, response: { 200: pageSchema(runSchema) },
    handler: async ({ query: q }) => {
      const { items, total } = await ctx.runs.list(q, { page: q.page, perPage: q.per_page });
      return pageOf(items.map((r) => presentRun(r, base)), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/runs/:id', tag, operationId: 'getRun', summary: 'A run with its executions and command results',
    params: runRefParams, response: { 200: runDetailSchema }, errors: [404],
    handler: async ({ params }) => presentRunDetail(await getRunDetail(ctx, parseRunRef(params.id)), base),
  });

  apiRoute(app, {
    method: 'GET', url: '/runs/:id/diff', tag, operationId: 'getRunDiff', summary: "Each device's running-config diff",
    params: runRefParams, response: { 200: runDiffSchema }, errors: [404],
    handler: async ({ params }) => {
      const run = await getRunDetail(ctx, parseRunRef(params.id));
      return { id: run.id, number: run.number, status: run.status, diffs: run.executions.map((e) => ({ device: e.deviceName, status: e.status, diff: e.diff })) };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/runs/:id/approve', tag, operationId: 'approveRun', summary: 'Approve a pending run',
    role: ['approver', 'approving a run'], params: runRefParams, body: decisionBody, response: { 200: runSchema }, errors: [404, 422],
    handler: async ({ params, body, user }) => presentRun(await approveRun(ctx.approvalDeps, parseRunRef(params.id), actor(user), body.comment), base),
  });

  apiRoute(app, {
    method: 'POST', url: '/runs/:id/reject', tag, operationId: 'rejectRun', summary: 'Reject a pending run',
    role: ['approver', 'rejecting a run'], params: runRefParams, body: decisionBody, response: { 200: runSchema }, errors: [404, 422],
    handler: async ({ params, body, user }) => presentRun(await rejectRun(ctx.approvalDeps, parseRunRef(params.id), actor(user), body.reason ?? body.comment), base),
  });

  apiRoute(app, {
    method: 'POST', url: '/runs/:id/cancel', tag, operationId: 'cancelRun', summary: 'Cancel a run that has not finished',
    description: 'The cancel use case decides who may cancel (the requester or an approver).',
    params: runRefParams, response: { 200: runSchema }, errors: [403, 404, 422],
    handler: async ({ params, user }) => presentRun(await cancelRun(ctx, parseRunRef(params.id), { name: user.name, role: user.role, source: 'api' }), base),
  });
}
