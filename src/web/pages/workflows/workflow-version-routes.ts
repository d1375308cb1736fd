import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffWorkflowVersions, requireWorkflow } from '../../../core/workflows/manage-workflows.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { diffLines } from '../../render/diff-lines.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';

const versionQuery = z.object({
  from: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
});

/**
 * GET /workflows/:name/versions?from=A&to=B — the versions with who saved them and when, and the YAML
 * diff between any two (default: the previous and the current), the same diff as the API's. The compare
 * form swaps #version-diff.
 */
export async function workflowVersionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const catalog = ctx.workflowCatalog;
  app.get<{ Params: { name: string } }>('/workflows/:name/versions', async (req, reply) => {
    const wf = await requireWorkflow(catalog, req.params.name);
    const q = versionQuery.parse(req.query);
    const to = q.to ?? wf.currentVersion;
    const from = q.from ?? Math.max(1, to - 1);
    const { patch } = await diffWorkflowVersions(catalog, wf, from, to);
    const compare = { name: wf.name, from, to, lines: diffLines(patch), same: patch === null };
    if (htmxTarget(req) === 'version-diff') return renderPartial(req, reply, 'workflows/version-diff', { compare });
    const versions = (await catalog.versions(wf.id)).items.map(({ yaml: _yaml, ...v }) => v);
    return renderPage(req, reply, 'workflows/versions', {
      title: `${wf.name} versions`, nav: 'workflows', workflow: { name: wf.name, currentVersion: wf.currentVersion, status: wf.status }, versions, compare,
    });
  });
}
