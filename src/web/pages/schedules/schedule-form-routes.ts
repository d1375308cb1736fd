import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSchedule, updateSchedule } from '../../../core/schedules/manage-schedules.ts';
import { requireSchedule } from '../../../core/schedules/require-schedule.ts';
import type { ScheduleRecord } from '../../../core/schedules/schedule-records.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { formatInZone } from '../../render/format.ts';
import { flashNext, renderPage, renderPartial } from '../../render/page-render.ts';
import { paramFields } from '../workflows/param-form.ts';
import { parseScheduleForm, scheduleErrorsOf, scheduleFormFrom, scheduleFormOf, schedulePatchOf, type ScheduleFormErrors, type ScheduleFormValues } from './schedule-form.ts';
import { auditSchedule } from './schedule-audit.ts';
import { cronPreview, scheduleRow, timeZoneNames } from './schedule-view.ts';

type Id = { Params: { id: string } };
const previewQuery = z.object({ cron: z.string().max(200).default(''), timezone: z.string().max(64).default('UTC'), workflow: z.string().max(128).default('') });
const NO_ERRORS: ScheduleFormErrors = { fields: {}, params: {} };

/**
 * New/edit schedule forms. The cron and zone inputs ask /schedules/cron-preview as you type (problems, or
 * the next five fire times in that zone); choosing a workflow swaps in its param inputs. Saving calls the
 * same use cases as the API (which re-check cron, workflow, target and params, and arm the timer).
 */
export async function scheduleFormRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'changing schedules') };
  const specsOf = async (workflow: string) => (workflow ? (await ctx.workflows.findCurrent(workflow))?.definition.params ?? {} : {});

  const form = async (req: FastifyRequest, reply: FastifyReply, values: ScheduleFormValues, opts: { before?: ScheduleRecord; errors?: ScheduleFormErrors; status?: number }) => {
    const errors = opts.errors ?? NO_ERRORS;
    const [workflows, devices, specs] = await Promise.all([
      ctx.workflows.list(),
      // Suggestions only: the first thousand names keep the page light on large fleets.
      ctx.devices.names({}, 1000),
      specsOf(values.workflow),
    ]);
    return renderPage(req, reply, 'schedules/form', {
      title: opts.before ? `Edit schedule ${opts.before.name}` : 'New schedule', nav: 'schedules', values, errors, before: opts.before ? scheduleRow(opts.before) : null,
      workflows: workflows.filter((w) => w.status === 'active').map((w) => w.name), devices, zones: timeZoneNames(),
      fields: paramFields(specs, values.params, errors.params), preview: values.cron ? cronPreview(values.cron, values.timezone) : null,
    }, opts.status ?? 200);
  };

  const refused = (req: FastifyRequest, reply: FastifyReply, values: ScheduleFormValues, err: unknown, before?: ScheduleRecord) => {
    const errors = scheduleErrorsOf(err);
    if (!errors) throw err;
    return form(req, reply, values, { before, errors, status: errors.code === 'ALREADY_EXISTS' ? 409 : 422 });
  };

  const nextRun = (s: ScheduleRecord) => (s.enabled ? scheduleRow(s).times[0] : undefined);
  const saved = (s: ScheduleRecord, verb: string) => {
    const next = nextRun(s);
    return `Schedule ${s.name} ${verb}.${next ? ` Next run ${formatInZone(new Date(next.iso), s.timezone)}.` : ' It is disabled.'}`;
  };

  app.get('/schedules/cron-preview', async (req, reply) => {
    const q = previewQuery.parse(req.query);
    return renderPartial(req, reply, 'schedules/cron-check', { preview: cronPreview(q.cron, q.timezone) });
  });

  app.get('/schedules/form-params', operator, async (req, reply) => {
    const q = previewQuery.parse(req.query);
    return renderPartial(req, reply, 'schedules/param-inputs', { fields: paramFields(await specsOf(q.workflow)) });
  });

  app.get('/schedules/new', operator, async (req, reply) => {
    const workflow = previewQuery.parse(req.query).workflow;
    return form(req, reply, { name: '', workflow, target: '', cron: '0 6 * * 1-5', timezone: 'UTC', enabled: true, params: {} }, {});
  });

  app.post('/schedules', operator, async (req, reply) => {
    const values = scheduleFormOf(req.body, await specsOf(String((req.body as { workflow?: unknown } | undefined)?.workflow ?? '')));
    const parsed = parseScheduleForm(values);
    if (!parsed.ok) return form(req, reply, values, { errors: parsed.errors, status: 422 });
    try {
      const schedule = await createSchedule(ctx.scheduleDeps, parsed.input, req.user!);
      await auditSchedule(ctx, req, 'schedule.created', null, schedule);
      flashNext(req, 'ok', saved(schedule, 'created'));
      return reply.redirect('/schedules', 303);
    } catch (err) {
      return refused(req, reply, values, err);
    }
  });

  app.get<Id>('/schedules/:id/edit', operator, async (req, reply) => {
    const before = await requireSchedule(ctx.schedules, req.params.id);
    return form(req, reply, scheduleFormFrom(before), { before });
  });

  app.post<Id>('/schedules/:id', operator, async (req, reply) => {
    const before = await requireSchedule(ctx.schedules, req.params.id);
    const specs = await specsOf(String((req.body as { workflow?: unknown } | undefined)?.workflow ?? ''));
    const values = scheduleFormOf(req.body, specs);
    const parsed = parseScheduleForm(values);
    if (!parsed.ok) return form(req, reply, values, { before, errors: parsed.errors, status: 422 });
    const patch = schedulePatchOf(before, parsed.input, specs);
    if (Object.keys(patch).length === 0) {
      flashNext(req, 'info', `Schedule ${before.name} unchanged.`);
      return reply.redirect('/schedules', 303);
    }
    try {
      const after = await updateSchedule(ctx.scheduleDeps, before.id, patch, req.user!);
      await auditSchedule(ctx, req, 'schedule.updated', before, after);
      flashNext(req, 'ok', saved(after, 'saved'));
      return reply.redirect('/schedules', 303);
    } catch (err) {
      return refused(req, reply, values, err, before);
    }
  });
}
