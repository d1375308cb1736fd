import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { approveRun } from '../../core/approvals/decide-approval.ts';
import { resolveChatActor } from '../../core/chat/chat-actor.ts';
import { asNetOpsError } from '../../core/errors/index.ts';
import { describeRefusal } from './approval-refusal.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import { section } from './slack-text.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The Approve button on a run's parent message (Reject opens a form: handle-reject-modal.ts). Anyone can
 * click a button, so every click is authorised by the core (role, four-eyes, expiry, one transition under
 * races); a refusal is explained to the clicker alone. Afterwards the message is re-rendered, which
 * replaces stale buttons too.
 */
export function registerApprovalClicks(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockButtonAction>(SlackActionIds.approve, async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const runId = action.value ?? '';
    const log = deps.logger.child({ runId, slackUser: body.user.id, action: 'approve' });
    const actor = await resolveChatActor(deps.users, 'slack', body.user.id, deps.settings.defaultRole);
    try {
      const run = await approveRun(deps.chat.approvalDeps, { id: runId }, { id: actor.userId, name: actor.name, role: actor.role, source: 'slack' });
      log.info({ status: run.status }, 'run approved from Slack');
    } catch (err) {
      const e = asNetOpsError(err);
      if (e.code === 'INTERNAL') log.error({ err: e.message }, 'approval click failed');
      const refusal = describeRefusal(e, actor);
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal.plain, blocks: [section(`⚠️ ${refusal.mrkdwn}`)] });
    }
    // Shows the decision at once (and clears buttons that were stale) without waiting for the worker.
    await deps.thread.refreshParent(runId).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not refresh the run message'));
  });
}
