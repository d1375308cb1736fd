import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deleteSchedule, updateSchedule } from '../../../core/schedules/manage-schedules.ts';
import { requireSchedule } from '../../../core/schedules/require-schedule.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, htmxTarget, isHtmx, renderPage, renderPartial } from '../../render/page-render.ts';
import { auditSchedule } from './schedule-audit.ts';
import { scheduleRow } from './schedule-view.ts';

type Id = { Params: { id: string } };

/**
 * GET /schedules — every schedule with its next five fire times (in its own zone); enable, disable and
 * delete answer htmx with the refreshed #schedule-table. The use cases check roles and arm the timers.
 */
export async function scheduleListRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'changing schedules') };
  const table = async () => ({ schedules: (await ctx.schedules.list()).map((s) => scheduleRow(s)) });

  const answer = async (req: FastifyRequest, reply: FastifyReply, text: string) => {
    if (isHtmx(req)) return renderPartial(req, reply, 'schedules/schedule-table', { ...(await table()), flash: { kind: 'ok', text } });
    flashNext(req, 'ok', text);
    return reply.redirect('/schedules', 303);
  };

  app.get('/schedules', async (req, reply) => {
    const data = await table();
    if (htmxTarget(req) === 'schedule-table') return renderPartial(req, reply, 'schedules/schedule-table', data);
    return renderPage(req, reply, 'schedules/list', { title: 'Schedules', nav: 'schedules', ...data });
  });

  const toggle = (enabled: boolean) => async (req: FastifyRequest<Id>, reply: FastifyReply) => {
    const before = await requireSchedule(ctx.schedules, req.params.id);
    const after = await updateSchedule(ctx.scheduleDeps, before.id, { enabled }, req.user!);
    await auditSchedule(ctx, req, 'schedule.updated', before, after, enabled ? 'enabled' : 'disabled');
    return answer(req, reply, `Schedule ${after.name} ${enabled ? 'enabled: it runs as you from now on' : 'disabled'}.`);
  };
  app.post<Id>('/schedules/:id/enable', operator, toggle(true));
  app.post<Id>('/schedules/:id/disable', operator, toggle(false));

  app.post<Id>('/schedules/:id/delete', operator, async (req, reply) => {
    const removed = await deleteSchedule(ctx.scheduleDeps, req.params.id, req.user!);
    await auditSchedule(ctx, req, 'schedule.deleted', removed, null);
    return answer(req, reply, `Schedule ${removed.name} deleted; the runs it started stay.`);
  });
}
