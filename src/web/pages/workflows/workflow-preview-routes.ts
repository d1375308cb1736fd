import type { FastifyInstance } from 'fastify';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';
import { hrefWith } from '../../render/pager.ts';
import { previewDryRun } from './dry-run-preview.ts';
import { paramFields, paramsFromForm } from './param-form.ts';

type NameParams = { Params: { name: string } };

/**
 * GET /workflows/:name/preview — the run form generated from the params, and beside it what the run
 * would send to the chosen device, per stage. Read-only (a GET, no device contact), so anyone signed
 * in may look; typing in the form re-renders only #dry-run-preview.
 */
export async function workflowPreviewRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get<NameParams>('/workflows/:name/preview', async (req, reply) => {
    const wf = await ctx.workflows.findCurrent(req.params.name);
    if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${req.params.name}".`);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const deviceName = typeof query.device === 'string' ? query.device.trim() : '';
    const given = paramsFromForm(wf.definition.params, query);
    const preview = deviceName ? await previewDryRun(ctx, wf, deviceName, given) : null;
    const errors = preview && !preview.ok ? preview.params : {};
    if (htmxTarget(req) === 'dry-run-preview') return renderPartial(req, reply, 'workflows/dry-run-preview', { preview, errors });
    const devices = await ctx.devices.names({ platforms: wf.definition.platforms }, 1000);
    return renderPage(req, reply, 'workflows/preview', {
      title: `Preview ${wf.workflowName}`, nav: 'workflows', wf, def: wf.definition, devices, device: deviceName, preview, errors,
      runHref: hrefWith(`/workflows/${encodeURIComponent(wf.workflowName)}/run`, { target: deviceName }),
      // The form keeps what was typed; a plain-GET submit shows problems next to each param.
      fields: paramFields(wf.definition.params, given, errors),
    });
  });
}
