import type { DiscordApi } from './discord-api.ts';
import { netopsCommand, NETOPS_COMMAND_NAME } from './netops-command.ts';

/** Permissions the bot needs in a channel: view, send, embed links, attach files, history, public threads, send in threads. */
export const BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 35n) | (1n << 38n);

export interface RegisteredCommand {
  scope: 'guild' | 'global';
  guildId: string | null;
  commandId: string | null;
  subcommands: number;
}

/**
 * Registers `/netops` by bulk overwrite (PUT): idempotent — running it twice leaves the same single
 * command. Guild commands update at once; global ones may take a while to reach every server.
 */
export async function registerNetopsCommand(api: DiscordApi, applicationId: string, guildId: string | null): Promise<RegisteredCommand> {
  const command = netopsCommand();
  const saved = await api.putCommands(applicationId, guildId, [command]);
  return {
    scope: guildId ? 'guild' : 'global', guildId,
    commandId: saved.find((c) => c.name === NETOPS_COMMAND_NAME)?.id ?? null,
    subcommands: command.options?.length ?? 0,
  };
}

/** The OAuth2 link that adds the bot (with slash commands) to a server. */
export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}
