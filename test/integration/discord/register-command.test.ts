import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerNetopsCommand } from '../../../src/chat/discord/register-command.ts';
import { RestDiscordApi } from '../../../src/chat/discord/rest-discord-api.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord.ts';
import { APP_ID, GUILD_ID } from './helpers/interactions.ts';

describe('registering /netops', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(async () => discord?.close());

  it('bulk-overwrites the guild commands with the bot token; a second run changes nothing', async () => {
    const api = new RestDiscordApi({ apiUrl: discord.apiUrl, token: 'fake-bot-token' });
    const first = await registerNetopsCommand(api, APP_ID, GUILD_ID);
    const second = await registerNetopsCommand(api, APP_ID, GUILD_ID);
    expect(first).toMatchObject({ scope: 'guild', guildId: GUILD_ID, subcommands: 11 });
    expect(second.commandId).toBe(first.commandId);
    const puts = discord.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`, `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(puts[0]?.authorization).toBe('Bot fake-bot-token');
    expect(puts[0]?.body).toEqual(puts[1]?.body);
    expect((puts[0]?.body as { name: string }[]).map((c) => c.name)).toEqual(['netops']);
  });

  it('netops discord register: guild from DISCORD_GUILD_ID, --global, and a clear error without a token', async () => {
    const env = { DISCORD_API_URL: discord.apiUrl, DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID };
    const guild = await runCli(['discord', 'register'], env);
    expect(guild.stderr).toBe('');
    expect(guild.code).toBe(0);
    expect(guild.stdout).toContain(`Registered /netops (11 subcommands) in server ${GUILD_ID}: available now.`);
    expect(guild.stdout).toContain(`https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=`);
    const global = await runCli(['discord', 'register', '--global'], env);
    expect(global.code).toBe(0);
    expect(global.stdout).toContain('globally');
    expect(discord.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`)).toBe(true);
    const missing = await runCli(['discord', 'register'], { DISCORD_API_URL: discord.apiUrl, DISCORD_APPLICATION_ID: APP_ID });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN must be set/);
  });
});
