import { createTwoFilesPatch } from 'diff';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NetOpsError } from '../../core/errors/index.ts';
import { saveWorkflow } from '../../core/workflows/save-workflow.ts';
import { parseWorkflowYaml } from '../../core/workflows/workflow-yaml.ts';
import type { AppContext } from '../../main/app-context.ts';

const saveBody = z.strictObject({ yaml: z.string().min(1).max(200_000), allow_destructive: z.boolean().default(false) });
const validateBody = z.strictObject({ yaml: z.string().max(200_000) });
const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

/** Workflow versions, YAML import/validation and version diffs. */
export async function workflowRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const versionsOf = async (name: string) => {
    const wf = await ctx.db.prisma.workflow.findFirst({ where: { OR: [{ name }, { id: name }] }, include: { versions: { orderBy: { version: 'desc' } } } });
    if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow "${name}".`, { field: 'id' });
    return wf;
  };

  app.post('/workflows', async (req, reply) => {
    const body = saveBody.parse(req.body ?? {});
    const u = req.user!;
    const r = await saveWorkflow(ctx, { yaml: body.yaml, actor: { id: u.id, name: u.name, role: u.role }, source: 'api', allowDestructive: body.allow_destructive, ip: req.ip });
    return reply.status(r.created ? 201 : 200).send({ name: r.record.workflowName, version: r.record.version, created: r.created, changed: r.changed, destructive: r.destructive });
  });

  app.post('/workflows/validate', async (req) => {
    const { yaml } = validateBody.parse(req.body ?? {});
    try {
      const def = parseWorkflowYaml(yaml);
      return { valid: true, name: def.name, issues: [] };
    } catch (err) {
      if (err instanceof NetOpsError && err.code === 'WORKFLOW_INVALID') return { valid: false, issues: (err.details as { issues?: unknown[] } | undefined)?.issues ?? [{ field: 'yaml', message: err.message }] };
      throw err;
    }
  });

  app.get<{ Params: { id: string } }>('/workflows/:id/versions', async (req) => {
    const wf = await versionsOf(req.params.id);
    return { name: wf.name, current: wf.currentVersion, items: wf.versions.map((v) => ({ version: v.version, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(), yaml: v.yaml })) };
  });

  app.get<{ Params: { id: string } }>('/workflows/:id/diff', async (req) => {
    const q = diffQuery.parse(req.query);
    const wf = await versionsOf(req.params.id);
    const pick = (n: number, field: string) => {
      const v = wf.versions.find((x) => x.version === n);
      if (!v) throw new NetOpsError('NOT_FOUND', `Workflow ${wf.name} has no version ${n} (it has 1–${wf.currentVersion}).`, { field });
      return v.yaml;
    };
    const patch = createTwoFilesPatch(`${wf.name} v${q.from}`, `${wf.name} v${q.to}`, pick(q.from, 'from'), pick(q.to, 'to'));
    return { name: wf.name, from: q.from, to: q.to, diff: patch };
  });
}
