import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { approveRun, rejectRun } from '../../core/approvals/decide-approval.ts';
import { resolveChatActor } from '../../core/chat/chat-actor.ts';
import { asNetOpsError } from '../../core/errors/index.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import { escapeMrkdwn, section } from './slack-text.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * Approve / Reject buttons on a run's parent message. Anyone can click a button, so every click is
 * authorised by the core (role, four-eyes, expiry, one transition under races); a refusal is explained
 * to the clicker alone. Afterwards the message is re-rendered, which replaces stale buttons too.
 */
export function registerApprovalClicks(app: App, deps: SlackHandlerDeps): void {
  const decide = (verb: 'approve' | 'reject') => async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const runId = action.value ?? '';
    const log = deps.logger.child({ runId, slackUser: body.user.id, action: verb });
    const actor = await resolveChatActor(deps.users, 'slack', body.user.id, deps.settings.defaultRole);
    const who = { id: actor.userId, name: actor.name, role: actor.role };
    try {
      const run = verb === 'approve'
        ? await approveRun(deps.chat.approvalDeps, { id: runId }, who)
        : await rejectRun(deps.chat.approvalDeps, { id: runId }, who);
      log.info({ status: run.status }, `run ${verb}d from Slack`);
    } catch (err) {
      const e = asNetOpsError(err);
      if (e.code === 'INTERNAL') log.error({ err: e.message }, 'approval click failed');
      const hint = e.code === 'FORBIDDEN' && !actor.mapped
        ? ` Your Slack account is not linked to a NetOps user; an admin can link it with \`netops user add NAME --role approver --slack-id ${body.user.id}\`.`
        : '';
      const message = e.code === 'INTERNAL' ? 'Something went wrong on our side; the server log has the details.' : e.message;
      await respond({ response_type: 'ephemeral', replace_original: false, text: message, blocks: [section(`⚠️ ${escapeMrkdwn(message)}${hint}`)] });
    }
    // Shows the decision at once (and clears buttons that were stale) without waiting for the worker.
    await deps.thread.refreshParent(runId).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not refresh the run message'));
  };
  app.action<BlockButtonAction>(SlackActionIds.approve, decide('approve'));
  app.action<BlockButtonAction>(SlackActionIds.reject, decide('reject'));
}
