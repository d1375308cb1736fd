import type { FastifyInstance } from 'fastify';
import { NetOpsError } from '../../core/errors/index.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { deleteSchema, statusBody, workflowSummarySchema } from './schemas/workflow-schemas.ts';
import type { ApiWorkflowStore } from './workflow-store.ts';

const tag = 'workflows';

/** Admins change a workflow's status (draft / active / archived) and delete workflows nothing refers to. */
export async function workflowAdminRoutes(app: FastifyInstance, ctx: AppContext, store: ApiWorkflowStore): Promise<void> {
  apiRoute(app, {
    method: 'PATCH', url: '/workflows/:id', tag, operationId: 'setWorkflowStatus', summary: "Change a workflow's status",
    description: 'Only active workflows run; draft and archived ones can still be previewed. Content changes are new versions: POST /workflows.',
    role: ['admin', "changing a workflow's status"], params: idOrNameParams, body: statusBody, response: { 200: workflowSummarySchema }, errors: [404],
    handler: async ({ params, body, req }) => {
      const before = await store.require(params.id);
      const after = before.status === body.status ? before : await store.setStatus(before.id, body.status);
      if (after !== before) {
        await auditApi(ctx.audit, req, { type: 'WORKFLOW', action: 'workflow.status_changed', objectType: 'workflow', objectId: after.id, oldValue: { status: before.status }, newValue: { status: after.status } });
      }
      const summary = (await ctx.workflows.list()).find((w) => w.id === after.id);
      return {
        id: after.id, name: after.name, description: after.description, status: after.status, version: after.currentVersion,
        approval: summary?.approval ?? 'none', platforms: summary?.platforms ?? [], updated_at: after.updatedAt.toISOString(),
      };
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/workflows/:id', tag, operationId: 'deleteWorkflow', summary: 'Delete a workflow (archive it when runs refer to it)',
    description: 'Run history must stay readable, so a workflow with runs is archived instead (outcome=archived). Refused (409) while schedules use it.',
    role: ['admin', 'deleting workflows'], params: idOrNameParams, response: { 200: deleteSchema }, errors: [404, 409],
    handler: async ({ params, req }) => {
      const wf = await store.require(params.id);
      const usage = await store.usage(wf.id);
      if (usage.schedules.length > 0) {
        throw new NetOpsError('CONFLICT', `Workflow "${wf.name}" is used by schedule(s) ${usage.schedules.join(', ')}; delete or change them first.`, { field: 'id', schedules: usage.schedules });
      }
      if (usage.runs > 0) {
        if (wf.status !== 'archived') await store.setStatus(wf.id, 'archived');
        await auditApi(ctx.audit, req, { type: 'WORKFLOW', action: 'workflow.archived', objectType: 'workflow', objectId: wf.id, oldValue: { status: wf.status }, newValue: { status: 'archived' }, message: `${usage.runs} run(s) refer to it` });
        return { id: wf.id, name: wf.name, outcome: 'archived' as const, message: `${usage.runs} run(s) refer to ${wf.name}, so it was archived instead of deleted.` };
      }
      await store.delete(wf.id);
      await auditApi(ctx.audit, req, { type: 'WORKFLOW', action: 'workflow.deleted', level: 'WARNING', objectType: 'workflow', objectId: wf.id, oldValue: { name: wf.name, status: wf.status, version: wf.currentVersion } });
      return { id: wf.id, name: wf.name, outcome: 'deleted' as const, message: `Workflow ${wf.name} and its ${wf.currentVersion} version(s) deleted.` };
    },
  });
}
