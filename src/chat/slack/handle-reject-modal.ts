import type { App, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import { rejectRun } from '../../core/approvals/decide-approval.ts';
import { requireRole } from '../../core/approvals/roles.ts';
import { resolveChatActor, type ChatActor } from '../../core/chat/chat-actor.ts';
import { asNetOpsError, NetOpsError } from '../../core/errors/index.ts';
import type { RunRecord } from '../../core/runs/run-records.ts';
import { describeRefusal, type Refusal } from './approval-refusal.ts';
import { INLINE_ANSWER_MS } from './handle-run-modal.ts';
import type { SubmittedView } from './read-run-modal.ts';
import { buildRejectModal, readRejectModal, REJECT_REASON_BLOCK, REJECT_REASON_MAX } from './reject-modal-view.ts';
import { describeSlackError } from './slack-api-error.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import { inlineCode, section } from './slack-text.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & { client: webApi.WebClient };
type Outcome = { ok: true; run: RunRecord } | { ok: false; refusal: Refusal };

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The run, if it can still be rejected; otherwise the same refusal the core gives. */
async function pendingRun(deps: SlackHandlerDeps, runId: string): Promise<RunRecord> {
  const run = runId ? await deps.chat.runs.get({ id: runId }) : null;
  if (!run) throw new NetOpsError('RUN_NOT_FOUND', `No run ${runId}.`, { field: 'run' });
  if (run.status !== 'pending_approval') {
    const who = run.decidedByName ? ` by ${run.decidedByName}` : '';
    throw new NetOpsError('INVALID_STATE', `Run #${run.number} is ${run.status}${who}; only a run pending approval can be rejected.`, { status: run.status });
  }
  return run;
}

function reasonProblem(reason: string): string | null {
  if (reason === '') return 'Give a reason: it is shown on the run message and kept in the audit log.';
  if (reason.length > REJECT_REASON_MAX) return `At most ${REJECT_REASON_MAX} characters (this one has ${reason.length}).`;
  return null;
}

/**
 * Reject asks why. The button opens a form (views.open with the click's trigger_id) for a required
 * reason; its submission calls the core, which authorises it again (role, stale run, races). Refusals
 * show on the form's field, or — when the check outlives Slack's 3 s — the form closes and the clicker
 * gets an ephemeral message. The parent is re-rendered either way: "Rejected by @x: reason".
 */
export function registerRejectModal(app: App, deps: SlackHandlerDeps): void {
  const refreshParent = (runId: string, log: SlackHandlerDeps['logger']) =>
    deps.thread.refreshParent(runId).catch((err: unknown) => log.warn({ err: errText(err) }, 'could not refresh the run message'));

  app.action<BlockButtonAction>(SlackActionIds.reject, async ({ ack, body, action, respond, client }: ButtonArgs) => {
    await ack();
    const runId = action.value ?? '';
    const log = deps.logger.child({ runId, slackUser: body.user.id, action: 'reject' });
    const actor = await resolveChatActor(deps.users, 'slack', body.user.id, deps.settings.defaultRole);
    let run: RunRecord;
    try {
      // Checked before the form opens, so nobody writes a reason only to be refused; the submission is
      // checked again by the core. Quick: Slack's trigger_id is good for 3 s.
      requireRole(actor, 'approver', 'rejecting a run');
      run = await pendingRun(deps, runId);
    } catch (err) {
      await refuseClick(asNetOpsError(err), actor, respond, log);
      await refreshParent(runId, log); // clears a stale button
      return;
    }
    const channelId = body.channel?.id ?? (typeof body.container.channel_id === 'string' ? body.container.channel_id : '');
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildRejectModal(run, { runId: run.id, channelId }) });
    } catch (err) {
      const why = describeSlackError(err);
      log.warn({ slackError: why }, 'could not open the reject form');
      const usage = `${deps.settings.command} reject ${run.number} REASON`;
      await respond({
        response_type: 'ephemeral', replace_original: false, text: `Slack did not open the reject form (${why}). Click Reject again, or use ${usage}.`,
        blocks: [section(`⚠️ Slack did not open the reject form (${inlineCode(why)}). Click Reject again, or use ${inlineCode(usage)}.`)],
      }).catch(() => undefined);
    }
  });

  app.view(SlackActionIds.rejectModal, async ({ ack, body, view }) => {
    const { metadata, reason } = readRejectModal(view as unknown as SubmittedView);
    const user = body.user.id;
    const log = deps.logger.child({ runId: metadata.runId, slackUser: user, action: 'reject' });
    if (!metadata.runId) {
      await ack({ response_action: 'errors', errors: { [REJECT_REASON_BLOCK]: 'This form does not say which run it rejects: click Reject on the run message again.' } });
      return;
    }
    const problem = reasonProblem(reason);
    if (problem) {
      await ack({ response_action: 'errors', errors: { [REJECT_REASON_BLOCK]: problem } });
      return;
    }
    const work: Promise<Outcome> = (async () => {
      let actor: ChatActor | null = null;
      try {
        actor = await resolveChatActor(deps.users, 'slack', user, deps.settings.defaultRole);
        const run = await rejectRun(deps.chat.approvalDeps, { id: metadata.runId }, { id: actor.userId, name: actor.name, role: actor.role, source: 'slack' }, reason);
        return { ok: true as const, run };
      } catch (err) {
        const e = asNetOpsError(err);
        if (e.code === 'INTERNAL') log.error({ err: e.message }, 'reject form failed');
        return { ok: false as const, refusal: describeRefusal(e, actor) };
      }
    })();
    // Same rule as the run form: a refusal shows on the field only if it comes well within Slack's 3 s.
    const early = await Promise.race([work, new Promise<null>((r) => setTimeout(() => r(null), INLINE_ANSWER_MS))]);
    if (early && !early.ok && !early.refusal.internal) {
      await ack({ response_action: 'errors', errors: { [REJECT_REASON_BLOCK]: early.refusal.plain } });
      log.info('reject form refused');
    } else {
      await ack();
      const outcome = early ?? (await work);
      if (outcome.ok) {
        log.info({ runNumber: outcome.run.number }, 'run rejected from the Slack form');
      } else {
        log.warn('reject form refused after the form closed');
        if (metadata.channelId) {
          await deps.poster.ephemeral(metadata.channelId, user, { text: outcome.refusal.plain, blocks: [section(`❌ ${outcome.refusal.mrkdwn}`)] })
            .catch((err: unknown) => log.warn({ slackError: describeSlackError(err) }, 'could not tell the user why the reject was refused'));
        }
      }
    }
    // Shows the decision at once, and clears the buttons if the run was decided meanwhile.
    await refreshParent(metadata.runId, log);
  });
}

async function refuseClick(e: NetOpsError, actor: ChatActor, respond: RespondFn, log: SlackHandlerDeps['logger']): Promise<void> {
  if (e.code === 'INTERNAL') log.error({ err: e.message }, 'reject click failed');
  const refusal = describeRefusal(e, actor);
  await respond({ response_type: 'ephemeral', replace_original: false, text: refusal.plain, blocks: [section(`⚠️ ${refusal.mrkdwn}`)] });
}
