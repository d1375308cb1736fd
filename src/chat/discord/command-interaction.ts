import { InteractionResponseType, type APIChatInputApplicationCommandInteraction } from 'discord.js';
import type { ChatReply } from '../../core/chat/chat-reply.ts';
import { executeChatIntent, type ChatCommandDeps } from '../../core/chat/handle-chat-command.ts';
import { getRunDetail } from '../../core/runs/get-run-detail.ts';
import type { Logger } from 'pino';
import { readSubcommand } from './command-options.ts';
import { intentFromSubcommand } from './command-intent.ts';
import { resolveDiscordActor, type ActorSettings } from './discord-actor.ts';
import type { DiscordApi, DiscordMessage } from './discord-api.ts';
import { DiscordLimits as L } from './discord-limits.ts';
import { discordHelp } from './discord-usage.ts';
import { errorReply } from './error-reply.ts';
import type { InteractionOutcome } from './interaction-outcome.ts';
import { renderReply } from './render-reply.ts';
import type { RunThreadPoster } from './run-thread-poster.ts';

export interface CommandDeps {
  chat: ChatCommandDeps;
  actors: ActorSettings;
  api: DiscordApi;
  /** Null without a bot token: run messages cannot be posted then. */
  poster: RunThreadPoster | null;
  logger: Logger;
}

/** `/netops …`: deferred (ephemeral) at once, then the deferred reply is edited with the answer. */
export function handleCommand(deps: CommandDeps, interaction: APIChatInputApplicationCommandInteraction): InteractionOutcome {
  return {
    response: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: L.ephemeral } },
    followUp: async () => {
      const message = await answer(deps, interaction);
      await deps.api.editOriginalResponse(interaction.application_id, interaction.token, message);
    },
  };
}

async function answer(deps: CommandDeps, interaction: APIChatInputApplicationCommandInteraction): Promise<DiscordMessage> {
  const input = readSubcommand(interaction.data.options);
  try {
    const actor = await resolveDiscordActor(deps.actors, interaction);
    const intent = input ? intentFromSubcommand(input) : { kind: 'help' as const, topic: null };
    if (intent.kind === 'help') return { embeds: [{ title: 'NetOps Bot', description: discordHelp(intent.topic) }] };
    const channelId = interaction.channel?.id ?? interaction.channel_id ?? '';
    const reply = await executeChatIntent(deps.chat, actor, intent, { channelId, requestId: interaction.id });
    if (reply.kind === 'run_requested') return await announceRun(deps, reply, interaction.guild_id ?? null);
    return renderReply(reply);
  } catch (err) {
    const reply = errorReply(err, input?.name ?? null);
    if (reply.code === 'INTERNAL') deps.logger.error({ err, interactionId: interaction.id }, 'Discord command failed');
    return renderReply(reply);
  }
}

/** Posts the run's message in the channel with the bot token (the thread follows it), then points to it. */
async function announceRun(deps: CommandDeps, reply: Extract<ChatReply, { kind: 'run_requested' }>, guildId: string | null): Promise<DiscordMessage> {
  const run = reply.run;
  if (!deps.poster) {
    return { content: `Run #${run.number} requested. Set DISCORD_TOKEN so I can post its progress here; meanwhile: ${run.url}`, embeds: renderReply(reply).embeds ?? [] };
  }
  try {
    const posted = await deps.poster.ensureRunMessage(await getRunDetail(deps.chat, { id: run.id }));
    if (posted) {
      const link = guildId ? `https://discord.com/channels/${guildId}/${posted.ref.channelId}/${posted.ref.messageId}` : run.url;
      const next = run.status === 'pending_approval' ? 'It waits for an approver (not you) to click Approve.' : 'Progress follows in its thread.';
      return { content: `Run #${run.number} requested: ${link}\n${next}` };
    }
  } catch (err) {
    deps.logger.warn({ err, runId: run.id }, 'could not post the Discord run message yet; the worker will retry');
    return { content: `Run #${run.number} requested; its message will appear here shortly.`, embeds: renderReply(reply).embeds ?? [] };
  }
  return {
    content: `Run #${run.number} requested, but Discord refused my message in this channel: I need View Channel, Send Messages, Embed Links, Attach Files, Create Public Threads and Send Messages in Threads. Follow it on ${run.url}`,
    embeds: renderReply(reply).embeds ?? [],
  };
}
