import type { FastifyInstance } from 'fastify';
import { removeWorkflow, requireWorkflow, setWorkflowStatus } from '../../core/workflows/manage-workflows.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { deleteSchema, statusBody, workflowSummarySchema } from './schemas/workflow-schemas.ts';

const tag = 'workflows';

/** Admins change a workflow's status (draft / active / archived) and delete workflows nothing refers to. */
export async function workflowAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const catalog = ctx.workflowCatalog;
  apiRoute(app, {
    method: 'PATCH', url: '/workflows/:id', tag, operationId: 'setWorkflowStatus', summary: "Change a workflow's status",
    description: 'Only active workflows run; draft and archived ones can still be previewed. Content changes are new versions: POST /workflows.',
    role: ['admin', "changing a workflow's status"], params: idOrNameParams, body: statusBody, response: { 200: workflowSummarySchema }, errors: [404],
    handler: async ({ params, body, req }) => {
      const { before, after, changed } = await setWorkflowStatus(catalog, await requireWorkflow(catalog, params.id), body.status);
      if (changed) {
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
      const wf = await requireWorkflow(catalog, params.id);
      const { outcome, runs } = await removeWorkflow(catalog, wf);
      if (outcome === 'archived') {
        await auditApi(ctx.audit, req, { type: 'WORKFLOW', action: 'workflow.archived', objectType: 'workflow', objectId: wf.id, oldValue: { status: wf.status }, newValue: { status: 'archived' }, message: `${runs} run(s) refer to it` });
        return { id: wf.id, name: wf.name, outcome, message: `${runs} run(s) refer to ${wf.name}, so it was archived instead of deleted.` };
      }
      await auditApi(ctx.audit, req, { type: 'WORKFLOW', action: 'workflow.deleted', level: 'WARNING', objectType: 'workflow', objectId: wf.id, oldValue: { name: wf.name, status: wf.status, version: wf.currentVersion } });
      return { id: wf.id, name: wf.name, outcome: 'deleted' as const, message: `Workflow ${wf.name} and its ${wf.currentVersion} version(s) deleted.` };
    },
  });
}
