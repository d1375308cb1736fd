import { createTwoFilesPatch } from 'diff';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { diffLines } from '../../render/diff-lines.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';

const versionQuery = z.object({
  from: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
});

/** Every version of a workflow, newest first. The WorkflowRepository port has no version list, so this reads the table. */
async function loadVersions(prisma: PrismaClient, name: string) {
  const wf = await prisma.workflow.findUnique({
    where: { name },
    include: { versions: { orderBy: { version: 'desc' }, select: { version: true, createdBy: true, createdAt: true, yaml: true } } },
  });
  if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${name}".`);
  return wf;
}

/**
 * GET /workflows/:name/versions?from=A&to=B — the versions with who saved them and when, and the YAML
 * diff between any two (default: the previous and the current). The compare form swaps #version-diff.
 */
export async function workflowVersionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get<{ Params: { name: string } }>('/workflows/:name/versions', async (req, reply) => {
    const wf = await loadVersions(ctx.db.prisma, req.params.name);
    const q = versionQuery.parse(req.query);
    const to = q.to ?? wf.currentVersion;
    const from = q.from ?? Math.max(1, to - 1);
    const yamlOf = (n: number, field: string) => {
      const v = wf.versions.find((x) => x.version === n);
      if (!v) throw new NetOpsError('NOT_FOUND', `${wf.name} has no version ${n} (it has 1–${wf.currentVersion}).`, { field });
      return v.yaml;
    };
    const [a, b] = [yamlOf(from, 'from'), yamlOf(to, 'to')];
    const patch = a === b ? null : createTwoFilesPatch(`${wf.name} v${from}`, `${wf.name} v${to}`, a, b, undefined, undefined, { context: 3 });
    const compare = { name: wf.name, from, to, lines: diffLines(patch), same: patch === null };
    if (htmxTarget(req) === 'version-diff') return renderPartial(req, reply, 'workflows/version-diff', { compare });
    return renderPage(req, reply, 'workflows/versions', {
      title: `${wf.name} versions`, nav: 'workflows', workflow: { name: wf.name, currentVersion: wf.currentVersion, status: wf.status },
      versions: wf.versions.map(({ yaml: _yaml, ...v }) => v), compare,
    });
  });
}
