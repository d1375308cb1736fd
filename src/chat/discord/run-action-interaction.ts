import {
  ComponentType, InteractionResponseType, TextInputStyle,
  type APIMessageComponentInteraction, type APIModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { hasRole } from '../../core/approvals/roles.ts';
import { executeChatIntent, type ChatCommandDeps } from '../../core/chat/handle-chat-command.ts';
import { asNetOpsError } from '../../core/errors/index.ts';
import { errorReply } from './error-reply.ts';
import { parseRunActionId, runActionId, type RunAction } from './custom-id.ts';
import { resolveDiscordActor, type ActorSettings } from './discord-actor.ts';
import type { DiscordApi } from './discord-api.ts';
import { DiscordLimits as L } from './discord-limits.ts';
import { ephemeral, ephemeralMessage, type InteractionOutcome } from './interaction-outcome.ts';

export interface RunActionDeps {
  chat: ChatCommandDeps;
  actors: ActorSettings;
  api: DiscordApi;
  logger: Logger;
}

/** Runs approve/reject as the clicker, re-resolving their roles now; core enforces four-eyes and expiry. */
async function decide(deps: RunActionDeps, interaction: APIMessageComponentInteraction | APIModalSubmitInteraction, action: RunAction, note: string | null): Promise<string> {
  try {
    const actor = await resolveDiscordActor(deps.actors, interaction);
    const runRef = { id: action.runId };
    const intent = action.action === 'approve' ? { kind: 'approve' as const, runRef, comment: note } : { kind: 'reject' as const, runRef, reason: note };
    const reply = await executeChatIntent(deps.chat, actor, intent, { channelId: interaction.channel?.id ?? '' });
    return reply.kind === 'run_decided' ? `${action.action === 'approve' ? '✅' : '🚫'} ${reply.message}` : `Done.`;
  } catch (err) {
    const reply = errorReply(err, action.action);
    if (reply.code === 'INTERNAL') deps.logger.error({ err, runId: action.runId }, 'Discord approval click failed');
    return `❌ ${reply.message}`;
  }
}

/**
 * A click on Approve / Reject. Anyone who sees the message can click, so every click is checked as the
 * clicker. Approve is acknowledged at once (deferred update) and answered privately; Reject opens a
 * modal for the reason, for approvers only.
 */
export async function handleRunButton(deps: RunActionDeps, interaction: APIMessageComponentInteraction): Promise<InteractionOutcome> {
  const action = parseRunActionId(interaction.data.custom_id);
  if (!action) return ephemeral('This button does not belong to NetOps Bot.');
  if (action.action === 'approve') {
    return {
      response: { type: InteractionResponseType.DeferredMessageUpdate },
      followUp: async () => {
        const text = await decide(deps, interaction, action, null);
        await deps.api.followUp(interaction.application_id, interaction.token, ephemeralMessage(text));
      },
    };
  }
  try {
    const actor = await resolveDiscordActor(deps.actors, interaction);
    if (!hasRole(actor.role, 'approver')) return ephemeral(`❌ ${actor.name} has role ${actor.role}; rejecting a run needs approver or higher.`);
  } catch (err) {
    return ephemeral(`❌ ${asNetOpsError(err).message}`);
  }
  const run = await deps.chat.runs.get({ id: action.runId });
  return {
    response: {
      type: InteractionResponseType.Modal,
      data: {
        custom_id: runActionId('reject', action.runId),
        title: run ? `Reject run #${run.number}` : 'Reject run',
        components: [{
          type: ComponentType.Label, label: 'Reason (shown in the run thread)',
          component: { type: ComponentType.TextInput, custom_id: 'reason', style: TextInputStyle.Paragraph, required: false, max_length: 500 },
        }],
      },
    },
  };
}

function textInput(interaction: APIModalSubmitInteraction, customId: string): string | null {
  for (const c of interaction.data.components) {
    const inputs = c.type === ComponentType.Label ? [c.component] : c.type === ComponentType.ActionRow ? c.components : [];
    for (const input of inputs) {
      if (input.type === ComponentType.TextInput && input.custom_id === customId) return input.value.trim() || null;
    }
  }
  return null;
}

/** The reject modal was submitted: reject with its reason, answered privately. */
export function handleRejectModal(deps: RunActionDeps, interaction: APIModalSubmitInteraction): InteractionOutcome {
  const action = parseRunActionId(interaction.data.custom_id);
  if (!action || action.action !== 'reject') return ephemeral('This form does not belong to NetOps Bot.');
  return {
    response: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: L.ephemeral } },
    followUp: async () => {
      const text = await decide(deps, interaction, action, textInput(interaction, 'reason'));
      await deps.api.editOriginalResponse(interaction.application_id, interaction.token, ephemeralMessage(text));
    },
  };
}
