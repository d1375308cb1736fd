import { createDiscordChatAdapter } from '../chat/discord/discord-adapter.ts';
import { DiscordThreadNotifier } from '../chat/discord/discord-thread-notifier.ts';
import { RestDiscordApi } from '../chat/discord/rest-discord-api.ts';
import { RedisRunFlags } from '../chat/discord/run-flags.ts';
import { RunThreadPoster } from '../chat/discord/run-thread-poster.ts';
import { ChatThreadMemory } from '../notify/chat-thread-memory.ts';
import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';
import { discordOffReason } from './chat-wiring.ts';

/** DISCORD_APPROVER_ROLE_IDS: comma (or space) separated Discord role ids. */
function approverRoleIds(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** Builds the Discord adapter from config, or null when Discord is not configured. */
export async function createDiscordAdapter(ctx: AppContext): Promise<ChatAdapter | null> {
  const c = ctx.config;
  const logger = ctx.logger.child({ component: 'discord' });
  const off = discordOffReason(c);
  if (off) {
    if (off.warn) logger.warn(off.warn);
    return null;
  }
  const token = c.DISCORD_TOKEN ?? null;
  const api = new RestDiscordApi({ apiUrl: c.DISCORD_API_URL, token });
  const memory = new ChatThreadMemory(ctx.redis, c.REDIS_PREFIX);
  const poster = new RunThreadPoster({ api, runs: ctx.runs, workflows: ctx.workflows, devices: ctx.devices, audit: ctx.audit, memory, flags: new RedisRunFlags(ctx.redis, c.REDIS_PREFIX), baseUrl: c.publicUrl, logger });
  const chat = { requestDeps: ctx.requestDeps, approvalDeps: ctx.approvalDeps, runs: ctx.runs, devices: ctx.devices, workflows: ctx.workflows, baseUrl: c.publicUrl };
  return createDiscordChatAdapter({
    mode: c.DISCORD_MODE, token, publicKey: c.DISCORD_PUBLIC_KEY ?? null, apiUrl: c.DISCORD_API_URL, api, memory, logger,
    admission: ctx.chatAdmission,
    // Without a bot token nothing can be posted: runs are then followed on the web only.
    notifier: token ? new DiscordThreadNotifier({ poster, api, memory }) : { platform: 'discord', handle: async () => undefined },
    interactions: {
      chat, api, logger,
      poster: token ? poster : null,
      actors: { users: ctx.users, defaultRole: c.CHAT_DEFAULT_ROLE, approverRoleIds: approverRoleIds(c.DISCORD_APPROVER_ROLE_IDS) },
      autocomplete: { workflows: ctx.workflows, devices: ctx.devices, runs: ctx.runs },
    },
  });
}
