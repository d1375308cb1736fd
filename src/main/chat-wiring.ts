import type { AppConfig } from '../config/load-config.ts';
import { slackSettingsFrom } from '../chat/slack/slack-settings.ts';
import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';

/**
 * Why Discord stays off with this config, or null when it is on. DISCORD_MODE=http needs the public key
 * (interactions are verified with it); gateway mode needs the bot token.
 */
export function discordOffReason(c: Readonly<AppConfig>): { warn: string | null } | null {
  if (c.DISCORD_MODE === 'http' && !c.DISCORD_PUBLIC_KEY) {
    return { warn: c.DISCORD_TOKEN ? 'Discord is off: DISCORD_MODE=http needs DISCORD_PUBLIC_KEY (General Information → Public Key)' : null };
  }
  if (c.DISCORD_MODE === 'gateway' && !c.DISCORD_TOKEN) {
    return { warn: c.DISCORD_PUBLIC_KEY ? 'Discord is off: gateway mode needs DISCORD_TOKEN (or set DISCORD_MODE=http for HTTP interactions)' : null };
  }
  return null;
}

/**
 * The configured chat adapters. Each platform's SDK (@slack/bolt, discord.js) is loaded only when that platform
 * is configured: a process without chat, e.g. a plain `netops worker`, never loads them.
 */
export async function createChatAdapters(ctx: AppContext): Promise<ChatAdapter[]> {
  const slack = async (): Promise<ChatAdapter | null> => {
    if (!slackSettingsFrom(ctx.config)) {
      ctx.logger.info('Slack: off (set SLACK_BOT_TOKEN, with SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP)');
      return null;
    }
    return (await import('./slack-wiring.ts')).createSlackAdapter(ctx);
  };
  const discord = async (): Promise<ChatAdapter | null> => {
    const off = discordOffReason(ctx.config);
    if (off) {
      if (off.warn) ctx.logger.child({ component: 'discord' }).warn(off.warn);
      return null;
    }
    return (await import('./discord-wiring.ts')).createDiscordAdapter(ctx);
  };
  return (await Promise.all([slack(), discord()])).filter((a): a is ChatAdapter => a !== null);
}
