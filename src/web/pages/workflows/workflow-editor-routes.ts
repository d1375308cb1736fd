import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isNetOpsError, NetOpsError } from '../../../core/errors/index.ts';
import { parseWorkflowYaml, type WorkflowDefinition, type WorkflowIssue } from '../../../core/workflows/index.ts';
import { saveWorkflow } from '../../../core/workflows/save-workflow.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage, renderPartial } from '../../render/page-render.ts';

const yamlForm = z.object({ yaml: z.string().max(300_000).default(''), original: z.string().max(100).optional() });

const NEW_WORKFLOW = `name: my-workflow
description: What this workflow does
platforms: [cisco_ios]
approval: required
params:
  vlan: { type: integer, min: 2, max: 4094, required: true, description: VLAN id }
stages:
  pre_check:
    - command: show vlan brief
  implementation:
    - mode: config
      commands:
        - vlan {{vlan}}
  post_check:
    - command: show vlan id {{vlan}}
      expect: { contains: 'active' }
  rollback:
    - mode: config
      commands:
        - no vlan {{vlan}}
`;

export type Validation = { ok: true; def: WorkflowDefinition } | { ok: false; issues: WorkflowIssue[]; message: string };

/** Runs the same parser as `netops workflow import`; problems come back with field path and YAML line. */
export function validateWorkflowYaml(yaml: string): Validation {
  try {
    return { ok: true, def: parseWorkflowYaml(yaml) };
  } catch (err) {
    if (!isNetOpsError(err) || err.code !== 'WORKFLOW_INVALID') throw err;
    return { ok: false, message: err.message, issues: (err.details as { issues?: WorkflowIssue[] }).issues ?? [] };
  }
}

const summary = (def: WorkflowDefinition) => ({
  name: def.name, approval: def.approval, platforms: def.platforms, params: Object.keys(def.params),
  stages: Object.entries(def.stages).filter(([, steps]) => steps && steps.length > 0).map(([stage, steps]) => `${stage} (${steps!.length})`),
});

/**
 * The YAML editor. Admins only: a workflow decides what is typed on devices and whether a person must
 * approve it. Every keystroke pause posts to /workflows/validate, which answers the problems partial.
 */
export async function workflowEditorRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'editing workflows') };

  const editor = (req: FastifyRequest, reply: FastifyReply, yaml: string, original: string | undefined, validation: Validation | null, status = 200) =>
    renderPage(req, reply, 'workflows/editor', {
      title: original ? `Edit ${original}` : 'New workflow', nav: 'workflows', yaml, original, validation,
      check: validation?.ok ? summary(validation.def) : null,
    }, status);

  app.get('/workflows/new', admin, async (req, reply) => editor(req, reply, NEW_WORKFLOW, undefined, null));

  app.get<{ Params: { name: string } }>('/workflows/:name/edit', admin, async (req, reply) => {
    const yaml = await ctx.workflows.exportYaml(req.params.name);
    if (yaml === null) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${req.params.name}".`);
    return editor(req, reply, yaml, req.params.name, null);
  });

  app.post('/workflows/validate', { preHandler: requirePageRole('operator', 'validating workflows') }, async (req, reply) => {
    const { yaml } = yamlForm.parse(req.body ?? {});
    const validation = validateWorkflowYaml(yaml);
    return renderPartial(req, reply, 'workflows/validation', { validation, check: validation.ok ? summary(validation.def) : null });
  });

  app.post('/workflows', admin, async (req, reply) => {
    const { yaml, original } = yamlForm.parse(req.body ?? {});
    const validation = validateWorkflowYaml(yaml);
    if (!validation.ok) return editor(req, reply, yaml, original, validation, 422);
    const user = req.user!;
    const allowDestructive = (req.body as { allow_destructive?: string } | undefined)?.allow_destructive === 'on';
    let saved;
    try {
      // The core use case enforces the destructive-command guard and writes the audit entry.
      saved = await saveWorkflow(ctx, { yaml, actor: { id: user.id, name: user.name, role: user.role }, source: 'web', allowDestructive, ip: req.ip });
    } catch (err) {
      if (err instanceof NetOpsError && err.code === 'WORKFLOW_INVALID') {
        return editor(req, reply, yaml, original, { ok: false, message: err.message, issues: (err.details as { issues?: WorkflowIssue[] } | undefined)?.issues ?? [] }, 422);
      }
      throw err;
    }
    const { record, created, changed } = saved;
    flashNext(req, 'ok', created ? `Workflow ${record.workflowName} created (version 1).` : changed ? `Workflow ${record.workflowName} saved as version ${record.version}.` : `Workflow ${record.workflowName} unchanged (version ${record.version}).`);
    return reply.redirect('/workflows', 303);
  });
}
