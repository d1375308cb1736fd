import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { NetOpsError } from '../../core/errors/index.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `netops discord register`: puts the /netops command in a guild (DISCORD_GUILD_ID / --guild) or globally. */
export function registerDiscordCommands(program: Command): void {
  const discord = program.command('discord').description('Discord application setup');
  discord
    .command('register')
    .description('register the /netops slash command (bulk overwrite: safe to run again)')
    .option('--guild <id>', 'a server id (default DISCORD_GUILD_ID): commands appear there at once')
    .option('--global', 'register globally (every server the bot is in; may take a while to appear)', false)
    .action(async (o: { guild?: string; global: boolean }) => {
      const config = loadConfig();
      const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((k) => !config[k]);
      if (missing.length) {
        throw new NetOpsError('CONFIG_INVALID', `${missing.join(' and ')} must be set (Discord Developer Portal: Bot → Token, General Information → Application ID).`, { field: missing[0] });
      }
      const guildId = o.global ? null : o.guild ?? config.DISCORD_GUILD_ID ?? null;
      // discord.js is loaded by the commands that talk to Discord only: every other command starts without it.
      const { RestDiscordApi } = await import('../../chat/discord/rest-discord-api.ts');
      const { inviteUrl, registerNetopsCommand } = await import('../../chat/discord/register-command.ts');
      const api = new RestDiscordApi({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN ?? null });
      const done = await registerNetopsCommand(api, config.DISCORD_APPLICATION_ID ?? '', guildId);
      say(done.scope === 'guild'
        ? `Registered /netops (${done.subcommands} subcommands) in server ${done.guildId}: available now.`
        : `Registered /netops (${done.subcommands} subcommands) globally: it can take up to an hour to appear everywhere.`);
      say(`Invite the bot (if not done yet): ${inviteUrl(config.DISCORD_APPLICATION_ID ?? '')}`);
    });
}
