import type { App } from '@slack/bolt';
import { resolveChatActor } from '../../core/chat/chat-actor.ts';
import { handleChatCommand } from '../../core/chat/handle-chat-command.ts';
import { openRunModal, waitedInLine } from './handle-run-modal.ts';
import { renderChatReply } from './render-chat-reply.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import { slackMentionsFor } from './slack-mentions.ts';
import { escapeMrkdwn, NO_MENTIONS, section, slackLink } from './slack-text.ts';

/** `run` alone (or `run WORKFLOW` alone) opens the form instead of failing on the missing target. */
const MODAL_FORM = /^run(?:\s+([A-Za-z0-9][A-Za-z0-9._-]*))?\s*$/i;

/**
 * `/netops …`: resolve the user, run the command and answer. The delivery gate has already acked it
 * (Slack gives 3 s) when it was admitted, so this listener never acks. Answers are ephemeral through
 * response_url; a requested run becomes a parent message in the channel.
 */
export function registerSlashCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(deps.settings.command, async ({ command, respond, client, context }) => {
    const log = deps.logger.child({ slackUser: command.user_id, channel: command.channel_id });
    try {
      const actor = await resolveChatActor(deps.users, 'slack', command.user_id, deps.settings.defaultRole);
      const text = command.text.trim();
      const modal = MODAL_FORM.exec(text);
      if (modal) {
        await openRunModal(deps, client, { actor, triggerId: command.trigger_id, channelId: command.channel_id, workflow: modal[1] ?? null, respond, waitedMs: waitedInLine(context) });
        return;
      }
      const reply = await handleChatCommand(deps.chat, actor, text, { channelId: command.channel_id, requestId: command.trigger_id });
      if (reply.kind === 'run_requested') {
        log.info({ runId: reply.run.id, runNumber: reply.run.number }, 'run requested from Slack');
        const parent = await deps.thread.ensureParentFor(reply.run.id);
        if (parent.kind === 'refused') {
          await respond({
            response_type: 'ephemeral', replace_original: false, text: `Run #${reply.run.number} was requested, but I cannot post in this channel (${parent.error}).`,
            blocks: [section(`Run #${reply.run.number} was requested, but I cannot post in this channel (\`${escapeMrkdwn(parent.error)}\`). Invite me with \`/invite @netops\`, or follow it on ${slackLink(reply.run.url, 'its page')}.`)],
          });
        }
        return;
      }
      const mentions = reply.kind === 'run_status' || reply.kind === 'run_decided'
        ? await slackMentionsFor(deps.users, [reply.run.requester, reply.run.decidedBy], log)
        : NO_MENTIONS;
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderChatReply(reply, deps.settings.command, mentions) });
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'Slack command failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'Something went wrong on our side; the server log has the details.' }).catch(() => undefined);
    }
  });
}
