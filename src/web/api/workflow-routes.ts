import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NetOpsError } from '../../core/errors/index.ts';
import { diffWorkflowVersions, requireWorkflow } from '../../core/workflows/manage-workflows.ts';
import { saveWorkflow } from '../../core/workflows/save-workflow.ts';
import { parseWorkflowYaml } from '../../core/workflows/workflow-yaml.ts';
import type { AppContext } from '../../main/app-context.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageOf, pageQuery, pageSchema, paginate } from './pagination.ts';
import { diffQuery, diffSchema, dryRunBody, dryRunSchema, saveBody, saveSchema, validateBody, validateSchema, versionSchema, workflowDetailSchema, workflowListQuery, workflowSummarySchema } from './schemas/workflow-schemas.ts';
import { dryRunWorkflow } from '../../core/workflows/dry-run-workflow.ts';

const tag = 'workflows';

/** Workflows: list, detail, save a version (YAML), validate, versions, diff between two, dry-run preview. */
export async function workflowRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const catalog = ctx.workflowCatalog;
  apiRoute(app, {
    method: 'GET', url: '/workflows', tag, operationId: 'listWorkflows', summary: 'List workflows',
    query: z.object({ ...pageQuery, ...workflowListQuery.shape }), response: { 200: pageSchema(workflowSummarySchema) },
    handler: async ({ query: q }) => {
      const all = (await ctx.workflows.list()).filter((w) => !q.status || w.status === q.status);
      return paginate(all.map((w) => ({ id: w.id, name: w.name, description: w.description, status: w.status, version: w.version, approval: w.approval, platforms: w.platforms, updated_at: w.updatedAt.toISOString() })), q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/workflows/:id', tag, operationId: 'getWorkflow', summary: 'A workflow with its current definition and YAML',
    params: idOrNameParams, response: { 200: workflowDetailSchema }, errors: [404],
    handler: async ({ params }) => {
      const wf = await requireWorkflow(catalog, params.id);
      const current = await ctx.workflows.findCurrent(wf.name);
      if (!current) throw new NetOpsError('WORKFLOW_NOT_FOUND', `Workflow "${wf.name}" has no stored version.`, { field: 'id' });
      const def = current.definition;
      return {
        id: wf.id, name: wf.name, description: wf.description, status: wf.status, version: wf.currentVersion, approval: def.approval, platforms: def.platforms,
        updated_at: wf.updatedAt.toISOString(), allow_destructive: wf.allowDestructive, created_at: wf.createdAt.toISOString(), definition: def,
        yaml: (await catalog.versionYaml(wf.id, wf.currentVersion)) ?? '',
      };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/workflows', tag, operationId: 'saveWorkflow', summary: 'Create a workflow or save a new version (YAML)',
    description: 'The name inside the YAML decides which workflow. An unchanged definition stores nothing (200, changed=false). Commands that reload, erase or delete need an admin and allow_destructive.',
    role: ['approver', 'saving a workflow'], body: saveBody, response: { 201: saveSchema, 200: saveSchema },
    handler: async ({ body, user, req, reply }) => {
      const r = await saveWorkflow(ctx, { yaml: body.yaml, actor: { id: user.id, name: user.name, role: user.role }, source: 'api', allowDestructive: body.allow_destructive, ip: req.ip });
      reply.code(r.created ? 201 : 200).header('location', `/api/v1/workflows/${r.record.workflowId}`);
      return { name: r.record.workflowName, version: r.record.version, created: r.created, changed: r.changed, destructive: r.destructive };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/workflows/validate', tag, operationId: 'validateWorkflow', summary: 'Validate workflow YAML without saving',
    description: 'Always 200: `valid` and the problems with field path and YAML line.', body: validateBody, response: { 200: validateSchema },
    handler: async ({ body }) => {
      try {
        return { valid: true, name: parseWorkflowYaml(body.yaml).name, issues: [] };
      } catch (err) {
        if (!(err instanceof NetOpsError && err.code === 'WORKFLOW_INVALID')) throw err;
        const issues = (err.details as { issues?: { field: string; message: string; line?: number }[] } | undefined)?.issues;
        return { valid: false, issues: issues ?? [{ field: 'yaml', message: err.message }] };
      }
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/workflows/:id/versions', tag, operationId: 'listWorkflowVersions', summary: "A workflow's versions, newest first",
    params: idOrNameParams, query: z.object(pageQuery), response: { 200: pageSchema(versionSchema) }, errors: [404],
    handler: async ({ params, query: q }) => {
      const wf = await requireWorkflow(catalog, params.id);
      const { items, total } = await catalog.versions(wf.id, { page: q.page, perPage: q.per_page });
      return pageOf(items.map((v) => ({ version: v.version, created_by: v.createdBy, created_at: v.createdAt.toISOString(), yaml: v.yaml })), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/workflows/:id/diff', tag, operationId: 'diffWorkflowVersions', summary: 'Unified diff between two versions',
    params: idOrNameParams, query: diffQuery, response: { 200: diffSchema }, errors: [404],
    handler: async ({ params, query: q }) => {
      const wf = await requireWorkflow(catalog, params.id);
      const { patch } = await diffWorkflowVersions(catalog, wf, q.from, q.to);
      return { name: wf.name, from: q.from, to: q.to, diff: patch ?? '' };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/workflows/:id/dry-run', tag, operationId: 'dryRunWorkflow', summary: 'Preview the commands for a device and params',
    description: 'Renders every stage of the current version with the params, as a run would; the device is not contacted. Any workflow status previews.',
    params: idOrNameParams, body: dryRunBody, response: { 200: dryRunSchema }, errors: [404, 422],
    handler: async ({ params, body }) => {
      const wf = await requireWorkflow(catalog, params.id);
      return dryRunWorkflow(ctx, { workflow: wf.name, device: body.device, params: body.params });
    },
  });
}
