import { Queue } from 'bullmq';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ChatAdapter } from '../../../../src/main/chat-adapter.ts';
import { QueueNames } from '../../../../src/queue/queue-names.ts';
import { buildApp } from '../../../../src/web/app.ts';
import { createTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { startFakeDiscord, type FakeCall, type FakeDiscord } from './fake-discord.ts';
import { APP_ID, APPROVER_ROLE, CHANNEL_ID, commandInteraction, discordKeys, signedHeaders, type Clicker } from './interactions.ts';

export type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
export type Button = { custom_id: string; label: string; disabled?: boolean };
export const embedsOf = (c: FakeCall): Embed[] => (c.body as { embeds?: Embed[] }).embeds ?? [];
export const buttonsOf = (c: FakeCall): Button[] => ((c.body as { components?: { components: Button[] }[] }).components ?? []).flatMap((r) => r.components);

export const ALICE: Clicker = { userId: '111111111111111111' }; // operator (mapped): requests runs
export const BOB: Clicker = { userId: '222222222222222222' }; // approver (mapped)
export const VIC: Clicker = { userId: '333333333333333333' }; // unmapped: CHAT_DEFAULT_ROLE viewer
export const RITA: Clicker = { userId: '444444444444444444', roles: [APPROVER_ROLE] }; // unmapped, approver by Discord role
export const RAY: Clicker = { userId: '555555555555555555', roles: [APPROVER_ROLE] }; // another approver by Discord role

/** The real product in HTTP-interactions mode, its Fastify app with the Discord routes, and a fake Discord. */
export class DiscordHarness {
  readonly keys = discordKeys();
  t!: TestApp;
  app!: FastifyInstance;
  discord!: FakeDiscord;

  get adapter(): ChatAdapter {
    const adapter = this.t.services.chat.find((a) => a.platform === 'discord');
    if (!adapter) throw new Error('the Discord adapter is not configured');
    return adapter;
  }

  async start(opts: { devices?: number; env?: Record<string, string>; worker?: boolean } = {}): Promise<this> {
    this.discord = await startFakeDiscord();
    this.t = await createTestApp({
      devices: opts.devices ?? 3, worker: opts.worker ?? true,
      env: {
        DISCORD_MODE: 'http', DISCORD_PUBLIC_KEY: this.keys.publicKeyHex, DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: this.discord.apiUrl,
        DISCORD_APPROVER_ROLE_IDS: APPROVER_ROLE, BASE_URL: 'https://netops.example.com', ...opts.env,
      },
    });
    await this.t.ctx.users.create({ name: 'alice', role: 'operator', discordId: ALICE.userId });
    await this.t.ctx.users.create({ name: 'bob', role: 'approver', discordId: BOB.userId });
    this.app = await buildApp(this.t.ctx, this.t.services.chat);
    return this;
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.t?.close();
    await this.discord?.close();
  }

  /** Resolves once the chat notification queue has nothing waiting, delayed or in progress. */
  async notificationsIdle(timeoutMs = 20_000): Promise<void> {
    const queue = new Queue(QueueNames.notifications, { connection: this.t.ctx.redis, prefix: this.t.env.REDIS_PREFIX });
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        if (Date.now() > deadline) {
          const jobs = await queue.getJobs(['active', 'delayed', 'waiting'], 0, 20);
          const seen = jobs.map((j) => `${j.name} ${(j.data as { event: { runId: string } }).event.runId} attempts=${j.attemptsMade} ${j.failedReason ?? ''}`);
          throw new Error(`notifications still pending: ${JSON.stringify(counts)}\n${seen.join('\n')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await queue.close();
    }
  }

  post(payload: Record<string, unknown>, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    const body = JSON.stringify(payload);
    return this.app.inject({ method: 'POST', url: '/discord/interactions', payload: body, headers: headers ?? signedHeaders(this.keys.privateKey, body) });
  }

  runMessagePosts(): FakeCall[] {
    return this.discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
  }

  /** Successful posts in a run's thread, in order. */
  threadPosts(threadId: string): FakeCall[] {
    return this.discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${threadId}/messages` && c.status === 200);
  }

  runMessageEdits(messageId: string): FakeCall[] {
    return this.discord.calls.filter((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}`);
  }

  followUpTo(interaction: Record<string, unknown>): Promise<FakeCall> {
    return this.discord.waitFor((c) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}`);
  }

  originalEdit(interaction: Record<string, unknown>): Promise<FakeCall> {
    return this.discord.waitFor((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}/messages/@original`);
  }

  /** `/netops run …` as `who`: checks the deferred answer, waits for the run message and its thread. */
  async requestRun(options: Record<string, string | boolean>, who = ALICE) {
    const before = this.runMessagePosts().length;
    const interaction = commandInteraction('run', options, who);
    const res = await this.post(interaction);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 5, data: { flags: 64 } }); // deferred, ephemeral: answered well within 3 s
    const edit = await this.originalEdit(interaction);
    const message = await this.discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages` && this.runMessagePosts().indexOf(c) >= before);
    const runId = /run ([0-9a-f-]{36})/.exec(JSON.stringify(embedsOf(message)))?.[1] ?? '';
    const run = await this.t.ctx.runs.get({ id: runId });
    const messageId = run?.chat?.messageId ?? '';
    const thread = await this.discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages/${messageId}/threads`);
    return { interaction, edit, message, thread, runId, threadId: run?.chat?.threadId ?? '', messageId };
  }
}
