import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Role } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { createSchedule, deleteSchedule, updateSchedule } from '../../core/schedules/manage-schedules.ts';
import { presentSchedule } from '../../core/schedules/present-schedule.ts';
import { scheduleInputSchema } from '../../core/schedules/schedule-input.ts';
import type { AppContext } from '../app-context.ts';
import { parseKeyValues, withContext } from '../cli-support.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * A schedule runs as a real user (its owner), so the CLI needs one: `--as USER`, or else the NetOps user
 * named like the login running the command.
 */
async function owner(ctx: AppContext, as: string | undefined): Promise<{ id: string; name: string; role: Role }> {
  const name = as ?? userInfo().username;
  const user = await ctx.users.findByName(name);
  if (!user || user.disabled) {
    const why = user ? `User "${name}" is disabled.` : as ? `No user "${name}".` : `No NetOps user is named like your login ("${name}").`;
    throw new NetOpsError('VALIDATION_FAILED', `${why} A schedule runs as its owner: name one with --as USER.`, { issues: [{ field: 'as', message: why }] });
  }
  return { id: user.id, name: user.name, role: user.role };
}

const audit = (ctx: AppContext, action: string, actor: { id: string; name: string }, id: string, oldValue: unknown, newValue: unknown) =>
  ctx.audit.record({ type: 'RUN', action, actor, source: 'cli', objectType: 'schedule', objectId: id, oldValue, newValue });

export function registerScheduleCommands(program: Command): void {
  const schedule = program.command('schedule').description('runs of a workflow on a cron schedule');

  schedule
    .command('add')
    .description('create a schedule; its runs are requested as its owner (pre-approved when the owner is an approver)')
    .argument('<name>')
    .argument('[params...]', 'key=value params')
    .requiredOption('--workflow <workflow>', 'workflow to run')
    .requiredOption('--on <target>', 'target devices (name, a,b, tag:X, site:X, platform:X)')
    .requiredOption('--cron <expr>', 'cron: 5 fields, or 6 with seconds first (quote it)')
    .option('--tz <zone>', 'IANA time zone of the cron expression', 'UTC')
    .option('--disabled', 'create it switched off', false)
    .option('--as <user>', 'owner (default: the NetOps user named like your login)')
    .action(async (name: string, rawParams: string[], o: { workflow: string; on: string; cron: string; tz: string; disabled: boolean; as?: string }) =>
      withContext(async (ctx) => {
        const parsed = scheduleInputSchema.safeParse({
          name, workflow: o.workflow, target: o.on, params: parseKeyValues(rawParams), cron: o.cron, timezone: o.tz, enabled: !o.disabled,
        });
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
          throw new NetOpsError('VALIDATION_FAILED', `Invalid schedule: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
        }
        const input = parsed.data;
        const actor = await owner(ctx, o.as);
        const created = await createSchedule(ctx.scheduleDeps, input, actor);
        const view = presentSchedule(created);
        await audit(ctx, 'schedule.created', actor, created.id, undefined, view);
        say(`Schedule ${view.name} created: ${view.workflow} on ${view.target}, "${view.cron}" (${view.timezone}), owner ${view.owner}${view.approved ? ', pre-approved' : ''}.`);
        for (const t of view.next_fire_times) say(`  next: ${t}`);
      }),
    );

  schedule
    .command('list')
    .description('list schedules with their next fire time')
    .option('--json', 'print as JSON', false)
    .action(async (o: { json: boolean }) =>
      withContext(async (ctx) => {
        const views = (await ctx.schedules.list()).map((s) => presentSchedule(s));
        if (o.json) return say(JSON.stringify(views, null, 2));
        if (views.length === 0) return say('No schedules. Add one: netops schedule add NAME --workflow W --on TARGET --cron "0 3 * * 1"');
        for (const v of views) {
          const next = v.enabled ? `next ${v.next_fire_times[0] ?? '—'}` : 'disabled';
          say(`${v.name}\t${v.cron} (${v.timezone})\t${v.workflow} on ${v.target}\t${next}\towner ${v.owner ?? '(deleted)'}`);
        }
      }),
    );

  schedule
    .command('rm')
    .description('delete a schedule (its past runs stay)')
    .argument('<name>')
    .option('--as <user>', 'who deletes it (default: the NetOps user named like your login)')
    .action(async (name: string, o: { as?: string }) =>
      withContext(async (ctx) => {
        const actor = await owner(ctx, o.as);
        const removed = await deleteSchedule(ctx.scheduleDeps, name, actor);
        await audit(ctx, 'schedule.deleted', actor, removed.id, presentSchedule(removed), undefined);
        say(`Schedule ${removed.name} deleted.`);
      }),
    );

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    schedule
      .command(verb)
      .description(`${verb} a schedule`)
      .argument('<name>')
      .option('--as <user>', 'who changes it (default: the NetOps user named like your login)')
      .action(async (name: string, o: { as?: string }) =>
        withContext(async (ctx) => {
          const actor = await owner(ctx, o.as);
          const changed = await updateSchedule(ctx.scheduleDeps, name, { enabled }, actor);
          await audit(ctx, `schedule.${verb}d`, actor, changed.id, undefined, { enabled });
          say(`Schedule ${changed.name} ${verb}d.`);
        }),
      );
  }
}
