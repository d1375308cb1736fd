import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { approveRun, rejectRun } from '../../../core/approvals/decide-approval.ts';
import { parseRunRef } from '../../../core/commands/run-ref.ts';
import { cancelRun } from '../../../core/runs/cancel-run.ts';
import type { RunRecord } from '../../../core/runs/run-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { optionalText } from '../../render/form-values.ts';
import { isHtmx, renderPartial } from '../../render/page-render.ts';
import { loadDashboardLive } from '../dashboard/dashboard-data.ts';
import { loadRunView } from './load-run-view.ts';

const decisionForm = z.object({
  comment: optionalText(500),
  reason: optionalText(500),
  /** Which partial answers an htmx request: the run page's live region or the dashboard's. */
  view: z.enum(['run', 'dashboard']).catch('run'),
  tab: z.enum(['executions', 'diff']).catch('executions'),
});

type Action = 'approve' | 'reject' | 'cancel';
const DONE: Record<Action, string> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };

/**
 * POST /runs/:ref/approve | reject | cancel — the core use cases with the logged-in user as actor
 * (they enforce roles, four-eyes and state, and their events reach the audit log with source "web").
 * htmx gets the refreshed partial; a plain form a redirect.
 */
export async function runActionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const act = (action: Action) => async (req: FastifyRequest<{ Params: { ref: string } }>, reply: FastifyReply) => {
    const form = decisionForm.parse(req.body ?? {});
    const user = req.user!;
    const actor = { id: user.id, name: user.name, role: user.role, source: 'web' };
    const ref = parseRunRef(req.params.ref);
    let run: RunRecord;
    if (action === 'approve') run = await approveRun(ctx.approvalDeps, ref, actor, form.comment);
    else if (action === 'reject') run = await rejectRun(ctx.approvalDeps, ref, actor, form.reason);
    else run = await cancelRun(ctx.approvalDeps, ref, actor);
    const flash = { kind: 'ok', text: `Run #${run.number} ${DONE[action]}.` };
    if (!isHtmx(req)) return reply.redirect(`/runs/${run.number}`, 303);
    if (form.view === 'dashboard') return renderPartial(req, reply, 'dashboard/dashboard-live', { ...(await loadDashboardLive(ctx)), flash });
    return renderPartial(req, reply, 'runs/run-live', { ...(await loadRunView(ctx, req, String(run.number), form.tab)), flash });
  };
  app.post('/runs/:ref/approve', act('approve'));
  app.post('/runs/:ref/reject', act('reject'));
  app.post('/runs/:ref/cancel', act('cancel'));
}
