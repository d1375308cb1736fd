import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSchedule, deleteSchedule, updateSchedule } from '../../core/schedules/manage-schedules.ts';
import { presentSchedule } from '../../core/schedules/present-schedule.ts';
import { requireSchedule } from '../../core/schedules/require-schedule.ts';
import { scheduleInputSchema, schedulePatchSchema } from '../../core/schedules/schedule-input.ts';
import type { AppContext } from '../../main/app-context.ts';
import { pageOf, pageQuery } from './pagination.ts';

const listQuery = z.object({ ...pageQuery, workflow: z.string().optional(), enabled: z.enum(['true', 'false']).optional() });
type Id = { Params: { id: string } };

/** Schedules: anyone signed in may look; operators and up create, change and delete. `:id` is the id or the name. */
export async function schedulesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = ctx.scheduleDeps;
  const audit = (req: FastifyRequest, action: string, id: string, oldValue: unknown, newValue: unknown) =>
    ctx.audit.record({
      type: 'RUN', action, actor: req.user, source: 'api', ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
      objectType: 'schedule', objectId: id, oldValue, newValue,
    });

  app.get('/schedules', async (req) => {
    const q = listQuery.parse(req.query);
    const all = (await ctx.schedules.list()).filter(
      (s) => (!q.workflow || s.workflowName === q.workflow) && (!q.enabled || String(s.enabled) === q.enabled),
    );
    const page = all.slice((q.page - 1) * q.per_page, q.page * q.per_page);
    return pageOf(page.map((s) => presentSchedule(s)), all.length, q.page, q.per_page);
  });

  app.post('/schedules', async (req, reply) => {
    const schedule = presentSchedule(await createSchedule(deps, scheduleInputSchema.parse(req.body ?? {}), req.user!));
    await audit(req, 'schedule.created', schedule.id, undefined, schedule);
    return reply.status(201).header('location', `/api/v1/schedules/${schedule.id}`).send(schedule);
  });

  app.get<Id>('/schedules/:id', async (req) => presentSchedule(await requireSchedule(ctx.schedules, req.params.id)));

  app.patch<Id>('/schedules/:id', async (req) => {
    const patch = schedulePatchSchema.parse(req.body ?? {});
    const before = await requireSchedule(ctx.schedules, req.params.id);
    const after = presentSchedule(await updateSchedule(deps, before.id, patch, req.user!));
    await audit(req, 'schedule.updated', after.id, presentSchedule(before), after);
    return after;
  });

  app.delete<Id>('/schedules/:id', async (req, reply) => {
    const removed = await deleteSchedule(deps, req.params.id, req.user!);
    await audit(req, 'schedule.deleted', removed.id, presentSchedule(removed), undefined);
    return reply.status(204).send();
  });
}
