import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { approveRun, rejectRun } from '../../core/approvals/decide-approval.ts';
import type { Role } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { cancelRun } from '../../core/runs/cancel-run.ts';
import { getRunDetail } from '../../core/runs/get-run-detail.ts';
import { presentRun, presentRunDetail } from '../../core/runs/present-run.ts';
import { parseRunRef } from '../../core/commands/run-ref.ts';
import { requestRun } from '../../core/runs/request-run.ts';
import type { AppContext } from '../app-context.ts';
import { parseKeyValues, RunFailedExit, withContext } from '../cli-support.ts';
import { watchRun } from '../run-watcher.ts';

/**
 * The CLI runs on the server's machine with its configuration: that access is already full trust,
 * so the actor is an admin. `--as USER` names a real user (their role applies) for approvals and audit.
 */
async function actor(ctx: AppContext, as: string | undefined): Promise<{ id: string | null; name: string; role: Role; source: 'cli' }> {
  if (!as) return { id: null, name: `cli:${userInfo().username}`, role: 'admin', source: 'cli' };
  const user = await ctx.users.findByName(as);
  if (!user) throw new NetOpsError('USER_NOT_FOUND', `No user "${as}". Create one: netops user add ${as} --role operator`, { field: 'as' });
  if (user.disabled) throw new NetOpsError('FORBIDDEN', `User "${as}" is disabled.`);
  return { id: user.id, name: user.name, role: user.role, source: 'cli' };
}

const out = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('request a run of WORKFLOW on TARGET (device, a,b,c, tag:X, site:X, platform:X)')
    .argument('<workflow>')
    .argument('[params...]', 'key=value params')
    .requiredOption('--on <target>', 'target devices')
    .option('--dry-run', 'render commands and run only the read-only pre_check', false)
    .option('--wait', 'follow the run until it ends; exit 1 unless it succeeded', false)
    .option('--json', 'print the run as JSON', false)
    .option('--as <user>', 'requester (default: the local admin)')
    .action(async (workflow: string, rawParams: string[], o: { on: string; dryRun: boolean; wait: boolean; json: boolean; as?: string }) =>
      withContext(async (ctx) => {
        const params = parseKeyValues(rawParams);
        const requester = await actor(ctx, o.as);
        const { run } = await requestRun(ctx.requestDeps, { workflow, target: o.on, params, dryRun: o.dryRun, source: 'cli', requester });
        const base = ctx.config.publicUrl;
        if (!o.wait) return o.json ? out(presentRun(run, base)) : say(`Run #${run.number} ${run.status}: ${base}/runs/${run.number}`);
        if (!o.json) say(`Run #${run.number} ${run.status} — ${run.workflowName} on ${run.target}`);
        const hint = `Approve it from another terminal: npx netops approve ${run.number} --as APPROVER`;
        await watchRun(ctx.runs, { id: run.id }, o.json ? null : say, { approvalHint: hint });
        const detail = await getRunDetail(ctx, { id: run.id });
        if (o.json) out(presentRunDetail(detail, base));
        if (detail.status !== 'succeeded') throw new RunFailedExit(detail.status);
      }),
    );

  program
    .command('status')
    .description('show a run with its executions and command results')
    .argument('<run>', 'run number or id')
    .option('--json', 'print as JSON', false)
    .action(async (ref: string, o: { json: boolean }) =>
      withContext(async (ctx) => {
        const detail = await getRunDetail(ctx, parseRunRef(ref));
        const view = presentRunDetail(detail, ctx.config.publicUrl);
        if (o.json) return out(view);
        say(`Run #${view.number} ${view.status} — ${view.workflow} on ${view.target} (requested by ${view.requester})`);
        for (const e of view.executions) say(`  ${e.device}: ${e.status}${e.error ? ` — ${e.error}` : ''}`);
      }),
    );

  for (const verb of ['approve', 'reject', 'cancel'] as const) {
    program
      .command(verb)
      .description(`${verb} a run`)
      .argument('<run>', 'run number or id')
      .argument('[comment...]', verb === 'reject' ? 'reason' : 'comment')
      .option('--as <user>', 'who decides (default: the local admin)')
      .action(async (ref: string, words: string[], o: { as?: string }) =>
        withContext(async (ctx) => {
          const who = await actor(ctx, o.as);
          const comment = words.join(' ') || undefined;
          const r = parseRunRef(ref);
          const run = verb === 'approve' ? await approveRun(ctx.approvalDeps, r, who, comment)
            : verb === 'reject' ? await rejectRun(ctx.approvalDeps, r, who, comment)
            : await cancelRun(ctx, r, who);
          say(`Run #${run.number} ${run.status}.`);
        }),
      );
  }
}
