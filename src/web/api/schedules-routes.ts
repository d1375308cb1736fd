import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createSchedule, deleteSchedule, updateSchedule } from '../../core/schedules/manage-schedules.ts';
import { presentSchedule } from '../../core/schedules/present-schedule.ts';
import { requireSchedule } from '../../core/schedules/require-schedule.ts';
import { scheduleInputSchema, schedulePatchSchema } from '../../core/schedules/schedule-input.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageQuery, pageSchema, paginate } from './pagination.ts';
import { scheduleSchema } from './schemas/misc-schemas.ts';

const listQuery = z.object({ ...pageQuery, workflow: z.string().max(128).optional(), enabled: z.enum(['true', 'false']).optional() });
const tag = 'schedules';

/** Schedules: anyone signed in may look; operators and up create, change and delete (role checked before the body). */
export async function schedulesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = ctx.scheduleDeps;
  const audit = (action: string, id: string, oldValue: unknown, newValue: unknown) => ({ type: 'RUN' as const, action, objectType: 'schedule', objectId: id, oldValue, newValue });

  apiRoute(app, {
    method: 'GET', url: '/schedules', tag, operationId: 'listSchedules', summary: 'List schedules with their next fire times',
    query: listQuery, response: { 200: pageSchema(scheduleSchema) },
    handler: async ({ query: q }) => {
      const all = (await ctx.schedules.list()).filter((s) => (!q.workflow || s.workflowName === q.workflow) && (!q.enabled || String(s.enabled) === q.enabled));
      return paginate(all.map((s) => presentSchedule(s)), q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/schedules', tag, operationId: 'createSchedule', summary: 'Add a schedule', role: ['operator', 'creating a schedule'],
    description: 'Operators and up. Created by an approver, its runs skip approval.',
    body: scheduleInputSchema, response: { 201: scheduleSchema }, errors: [403, 404, 409, 422],
    handler: async ({ body, user, req, reply }) => {
      const schedule = presentSchedule(await createSchedule(deps, body, user));
      await auditApi(ctx.audit, req, audit('schedule.created', schedule.id, undefined, schedule));
      reply.header('location', `/api/v1/schedules/${schedule.id}`);
      return schedule;
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/schedules/:id', tag, operationId: 'getSchedule', summary: 'A schedule',
    params: idOrNameParams, response: { 200: scheduleSchema }, errors: [404],
    handler: async ({ params }) => presentSchedule(await requireSchedule(ctx.schedules, params.id)),
  });

  apiRoute(app, {
    method: 'PATCH', url: '/schedules/:id', tag, operationId: 'updateSchedule', summary: 'Change a schedule', role: ['operator', 'changing a schedule'],
    description: 'Operators and up; `params`, when given, replaces the whole set.',
    params: idOrNameParams, body: schedulePatchSchema, response: { 200: scheduleSchema }, errors: [403, 404, 409, 422],
    handler: async ({ params, body, user, req }) => {
      const before = await requireSchedule(ctx.schedules, params.id);
      const after = presentSchedule(await updateSchedule(deps, before.id, body, user));
      await auditApi(ctx.audit, req, audit('schedule.updated', after.id, presentSchedule(before), after));
      return after;
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/schedules/:id', tag, operationId: 'deleteSchedule', summary: 'Delete a schedule', role: ['operator', 'deleting a schedule'],
    params: idOrNameParams, response: { 204: null }, errors: [403, 404],
    handler: async ({ params, user, req }) => {
      const removed = await deleteSchedule(deps, params.id, user);
      await auditApi(ctx.audit, req, audit('schedule.deleted', removed.id, presentSchedule(removed), undefined));
      return undefined;
    },
  });
}
