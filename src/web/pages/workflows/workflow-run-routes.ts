import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isNetOpsError, NetOpsError, type FieldIssue } from '../../../core/errors/index.ts';
import type { WorkflowVersionRecord } from '../../../core/ports/workflow-repository.ts';
import { requestRun } from '../../../core/runs/request-run.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { paramFields, paramsFromForm } from './param-form.ts';

type NameParams = { Params: { name: string } };

/** Form state carried across a failed submit: what was typed and the problems per field. */
interface RunFormState {
  target: string;
  dryRun: boolean;
  params: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
}

/**
 * GET/POST /workflows/:name/run — a form generated from the workflow's params; the POST calls the
 * same requestRun use case as chat and CLI (source "web"). A per-form nonce is the idempotency key,
 * so a double-clicked submit creates one run.
 */
export async function workflowRunRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'starting runs') };

  const load = async (name: string): Promise<WorkflowVersionRecord> => {
    const wf = await ctx.workflows.findCurrent(name);
    if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${name}".`);
    return wf;
  };

  const form = async (req: FastifyRequest, reply: FastifyReply, wf: WorkflowVersionRecord, state: RunFormState, status = 200) => {
    const devices = (await ctx.devices.listAll()).filter((d) => wf.definition.platforms.includes(d.platform)).map((d) => d.name);
    return renderPage(req, reply, 'workflows/run', {
      title: `Run ${wf.workflowName}`, nav: 'workflows', wf, def: wf.definition, devices, nonce: randomUUID(), ...state,
      fields: paramFields(wf.definition.params, state.params, state.errors),
    }, status);
  };

  app.get<NameParams>('/workflows/:name/run', operator, async (req, reply) => {
    const wf = await load(req.params.name);
    const target = typeof (req.query as { target?: unknown }).target === 'string' ? String((req.query as { target: string }).target) : '';
    return form(req, reply, wf, { target, dryRun: false, params: {}, errors: {} });
  });

  app.post<NameParams>('/workflows/:name/run', operator, async (req, reply) => {
    const wf = await load(req.params.name);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const target = typeof body.target === 'string' ? body.target.trim() : '';
    const dryRun = body.dry_run === 'on' || body.dry_run === 'true';
    const params = paramsFromForm(wf.definition.params, body);
    const nonce = typeof body.nonce === 'string' && /^[0-9a-f-]{36}$/.test(body.nonce) ? body.nonce : randomUUID();
    if (!target) return form(req, reply, wf, { target, dryRun, params, errors: { target: 'Choose a device or a target such as tag:core.' } }, 422);
    const user = req.user!;
    try {
      const { run } = await requestRun(ctx.requestDeps, {
        workflow: wf.workflowName, target, params, dryRun, source: 'web',
        requester: { id: user.id, name: user.name, role: user.role }, idempotencyKey: `web:${user.id}:${nonce}`,
      });
      const waiting = run.status === 'pending_approval' ? ' It waits for an approver.' : '';
      flashNext(req, 'ok', `Run #${run.number} requested.${waiting}`);
      return reply.redirect(`/runs/${run.number}`, 303);
    } catch (err) {
      if (!isNetOpsError(err) || err.status >= 500 || err.code === 'FORBIDDEN') throw err;
      const details = err.details as { issues?: FieldIssue[]; field?: string } | undefined;
      const errors: Record<string, string> = {};
      for (const i of details?.issues ?? []) errors[i.field] ??= i.message;
      if (details?.field) errors[details.field] ??= err.message;
      return form(req, reply, wf, { target, dryRun, params, errors, message: err.message }, 422);
    }
  });
}
