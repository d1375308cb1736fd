import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { workflowEditorRoutes } from './workflow-editor-routes.ts';
import { workflowListRoutes } from './workflow-list-routes.ts';
import { workflowPreviewRoutes } from './workflow-preview-routes.ts';
import { workflowRunRoutes } from './workflow-run-routes.ts';
import { workflowVersionRoutes } from './workflow-version-routes.ts';

/** The workflows area: everyone lists, compares versions and previews; operators run; admins edit. */
export async function workflowPages(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  await app.register(workflowListRoutes, opts);
  await app.register(workflowEditorRoutes, opts);
  await app.register(workflowRunRoutes, opts);
  await app.register(workflowVersionRoutes, opts);
  await app.register(workflowPreviewRoutes, opts);
}
