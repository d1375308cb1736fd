import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { GatewayConnection } from '../../../src/chat/discord/gateway-connection.ts';
import type { ChatAdapter } from '../../../src/main/chat-adapter.ts';
import { buildApp } from '../../../src/web/app.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { ALICE, BOB, buttonsOf, embedsOf } from './helpers/discord-harness.ts';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord.ts';
import { APP_ID, buttonInteraction, CHANNEL_ID, commandInteraction } from './helpers/interactions.ts';

describe('Discord gateway mode (discord.js against a local fake gateway)', () => {
  let t: TestApp;
  let discord: FakeDiscord;
  let adapter: ChatAdapter;
  const callback = (i: Record<string, unknown>) =>
    discord.waitFor((c) => c.method === 'POST' && c.path === `/interactions/${String(i.id)}/${String(i.token)}/callback`);

  beforeAll(async () => {
    discord = await startFakeDiscord();
    t = await createTestApp({ devices: 2, env: { DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: discord.apiUrl, BASE_URL: 'https://netops.example.com' } });
    await t.ctx.users.create({ name: 'alice', role: 'operator', discordId: ALICE.userId });
    await t.ctx.users.create({ name: 'bob', role: 'approver', discordId: BOB.userId });
    adapter = t.services.chat.find((a) => a.platform === 'discord')!;
    await adapter.start?.();
  });
  afterAll(async () => {
    await t?.close(); // stops the adapter: the client logs out
    await discord?.close();
  });

  it('logs in with the bot token and only the Guilds intent', async () => {
    const gatewayInfo = await discord.waitFor((c) => c.path === '/gateway/bot');
    expect(gatewayInfo.authorization).toBe('Bot fake-bot-token');
    const identify = await discord.waitForIdentify();
    expect(identify).toMatchObject({ token: 'fake-bot-token', intents: 1, shard: [0, 1] });
    expect(adapter.describe()).toBe('Discord: gateway connected as netops-bot');
    // gateway and HTTP interactions are exclusive: no interactions endpoint in gateway mode
    const app = await buildApp(t.ctx, t.services.chat);
    expect((await app.inject({ method: 'POST', url: '/discord/interactions', payload: '{}' })).statusCode).toBe(404);
    await app.close();
  });

  it('answers INTERACTION_CREATE through the callback endpoint and follows the run in a thread', async () => {
    const interaction = commandInteraction('run', { workflow: 'add-loopback', target: 'lab-ios-1', params: 'number=42' }, ALICE);
    discord.dispatch('INTERACTION_CREATE', interaction);
    const deferred = await callback(interaction);
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferred.authorization).toBeNull();
    const edit = await discord.waitFor((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}/messages/@original`);
    expect((edit.body as { content: string }).content).toMatch(/^Run #\d+ requested: https:\/\/discord.com\/channels\//);
    const message = await discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(message.authorization).toBe('Bot fake-bot-token');
    const runId = /run ([0-9a-f-]{36})/.exec(JSON.stringify(embedsOf(message)))?.[1] ?? '';
    const messageId = (await t.ctx.runs.get({ id: runId }))?.chat?.messageId ?? '';
    await discord.waitFor((c) => c.path === `/channels/${CHANNEL_ID}/messages/${messageId}/threads`);

    // the same interaction delivered twice (two web processes with gateway sessions): answered once
    discord.dispatch('INTERACTION_CREATE', interaction);
    const complete = commandInteraction('run', { workflow: 'add' }, ALICE, 'workflow');
    discord.dispatch('INTERACTION_CREATE', complete);
    expect((await callback(complete)).body).toEqual({ type: 8, data: { choices: [{ name: expect.stringMatching(/^add-loopback — /), value: 'add-loopback' }] } });
    expect(discord.calls.filter((c) => c.path.startsWith(`/interactions/${String(interaction.id)}/`))).toHaveLength(1);

    const click = buttonInteraction(`netops:approve:${runId}`, BOB, messageId);
    discord.dispatch('INTERACTION_CREATE', click);
    expect((await callback(click)).body).toEqual({ type: 6 });
    const said = await discord.waitFor((c) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${String(click.token)}`);
    expect(said.body).toMatchObject({ flags: 64, content: expect.stringMatching(/approved/) });
    expect(await waitForRun(t, runId)).toBe('succeeded');
    const disabled = await discord.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}` && buttonsOf(c).some((b) => b.label === 'Approved by bob'));
    expect(buttonsOf(disabled).every((b) => b.disabled)).toBe(true);
  });
});

describe('the gateway connection at start-up', () => {
  const logger = pino({ level: 'silent' });

  it('stops start-up when Discord refuses the token', async () => {
    const discord = await startFakeDiscord();
    try {
      discord.failNext((m, p) => p === '/gateway/bot', { status: 401, code: 0 });
      const gateway = new GatewayConnection({ token: 'wrong', apiUrl: discord.apiUrl, logger, onInteraction: () => undefined });
      await expect(gateway.start()).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/DISCORD_TOKEN was refused/) });
      await gateway.stop();
    } finally {
      await discord.close();
    }
  });

  it('keeps the process up and retries when Discord cannot be reached', async () => {
    const discord = await startFakeDiscord();
    const apiUrl = discord.apiUrl;
    await discord.close(); // nothing listens there any more
    const gateway = new GatewayConnection({ token: 'fake', apiUrl, logger, onInteraction: () => undefined, retryMs: 60_000 });
    await gateway.start();
    expect(gateway.user).toBeNull();
    expect(gateway.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    await gateway.stop();
  });
});
