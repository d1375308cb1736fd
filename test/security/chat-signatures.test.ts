import { createHmac, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../../src/chat/slack/verify-slack-signature.ts';
import { buildApp } from '../../src/web/app.ts';
import { startFakeDiscord, type FakeDiscord } from '../integration/discord/helpers/fake-discord.ts';
import { commandInteraction, discordKeys } from '../integration/discord/helpers/interactions.ts';
import { FakeSlackApi } from '../integration/slack/helpers/fake-slack-api.ts';
import { slashCommand } from '../integration/slack/helpers/slack-requests.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const SLACK_SECRET = 'security-signing-secret-0123456789abcdef';
const now = () => Math.floor(Date.now() / 1000);

interface Case { name: string; headers: () => Record<string, string | undefined>; body?: string }

describe('signed chat endpoints refuse every unsigned, badly signed, stale or future request with 401', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let discord: FakeDiscord;
  const slack = new FakeSlackApi();
  const keys = discordKeys();
  const otherKeys = discordKeys();
  const runCount = async () => (await t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    slack.install();
    discord = await startFakeDiscord();
    t = await createTestApp({
      devices: 1, worker: false,
      env: {
        SLACK_BOT_TOKEN: 'xoxb-security', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl,
        DISCORD_MODE: 'http', DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: discord.apiUrl,
      },
    });
    await t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE', discordId: '111111111111111111' });
    app = await buildApp(t.ctx, t.services.chat);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    await discord?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  // ── Slack: X-Slack-Signature = v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}")), X-Slack-Request-Timestamp within 300 s.
  const slackBody = slashCommand({ user: 'UALICE', text: 'run show-version on lab-ios-1', channel: 'C0SEC', trigger: 'trig-sec' });
  const slackHeaders = (ts: number | string, signature?: string, body = slackBody) => ({
    'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature ?? slackSignature(SLACK_SECRET, String(ts), body),
  });
  const validSlackHex = () => slackSignature(SLACK_SECRET, String(now()), slackBody).slice(3);
  const slackCases: Case[] = [
    { name: 'no signature headers at all', headers: () => ({}) },
    { name: 'signature without a timestamp', headers: () => ({ 'x-slack-signature': slackSignature(SLACK_SECRET, String(now()), slackBody) }) },
    { name: 'timestamp without a signature', headers: () => ({ 'x-slack-request-timestamp': String(now()) }) },
    { name: 'empty signature', headers: () => slackHeaders(now(), '') },
    { name: 'malformed: not hex', headers: () => slackHeaders(now(), `v0=${'z'.repeat(64)}`) },
    { name: 'malformed: wrong version prefix', headers: () => slackHeaders(now(), `v1=${validSlackHex()}`) },
    { name: 'malformed: truncated', headers: () => slackHeaders(now(), `v0=${validSlackHex().slice(0, 63)}`) },
    { name: 'malformed: upper-case hex of the right HMAC', headers: () => slackHeaders(now(), `v0=${validSlackHex().toUpperCase()}`) },
    { name: 'malformed timestamp: not a number', headers: () => slackHeaders('yesterday') },
    { name: 'malformed timestamp: fractional', headers: () => slackHeaders(`${now()}.5`) },
    { name: 'malformed timestamp: negative', headers: () => slackHeaders(-1) },
    { name: 'wrong secret', headers: () => slackHeaders(now(), `v0=${createHmac('sha256', 'not-the-secret').update(`v0:${now()}:${slackBody}`).digest('hex')}`) },
    { name: 'signature of another body', headers: () => slackHeaders(now(), undefined, slackBody.replace('lab-ios-1', 'lab-ios-2')) },
    { name: 'stale: 301 s old', headers: () => slackHeaders(now() - 301) },
    { name: 'stale: a day old', headers: () => slackHeaders(now() - 86_400) },
    { name: 'future: 301 s ahead', headers: () => slackHeaders(now() + 301) },
  ];

  it.each(slackCases)('Slack: $name → 401', async ({ headers }) => {
    const before = await runCount();
    const callsBefore = slack.calls.length;
    const res = await app.inject({
      method: 'POST', url: '/slack/events', payload: slackBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...Object.fromEntries(Object.entries(headers()).filter(([, v]) => v !== undefined)) as Record<string, string> },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await runCount()).toBe(before);
    expect(slack.calls.length).toBe(callsBefore);
  });

  it('Slack: the same request correctly signed 299 s ago is accepted (the table above is not refusing everything)', async () => {
    const body = slashCommand({ user: 'UALICE', text: 'whoami', trigger: 'trig-sec-ok' });
    const res = await app.inject({
      method: 'POST', url: '/slack/events', payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackHeaders(now() - 299, undefined, body) },
    });
    expect(res.statusCode).toBe(200);
  });

  // ── Discord: X-Signature-Ed25519 = hex(Ed25519(timestamp + body)), X-Signature-Timestamp within 300 s.
  const interaction = commandInteraction('run', { workflow: 'show-version', target: 'lab-ios-1' }, { userId: '111111111111111111' });
  const discordBody = JSON.stringify(interaction);
  const ed = (ts: string, body = discordBody, key = keys.privateKey) => sign(null, Buffer.from(ts + body), key).toString('hex');
  const discordHeaders = (ts: number | string, signature?: string) => ({ 'x-signature-timestamp': String(ts), 'x-signature-ed25519': signature ?? ed(String(ts)) });
  const discordCases: Case[] = [
    { name: 'no signature headers at all', headers: () => ({}) },
    { name: 'signature without a timestamp', headers: () => ({ 'x-signature-ed25519': ed(String(now())) }) },
    { name: 'timestamp without a signature', headers: () => ({ 'x-signature-timestamp': String(now()) }) },
    { name: 'empty signature', headers: () => discordHeaders(now(), '') },
    { name: 'malformed: not hex', headers: () => discordHeaders(now(), 'g'.repeat(128)) },
    { name: 'malformed: 127 hex characters', headers: () => discordHeaders(now(), ed(String(now())).slice(1)) },
    { name: 'malformed: 130 hex characters', headers: () => discordHeaders(now(), `${ed(String(now()))}00`) },
    { name: 'malformed timestamp: not a number', headers: () => discordHeaders('soon') },
    { name: 'malformed timestamp: fractional', headers: () => discordHeaders(`${now()}.5`) },
    { name: 'signed with another key', headers: () => discordHeaders(now(), ed(String(now()), discordBody, otherKeys.privateKey)) },
    { name: 'signature of another body', headers: () => discordHeaders(now(), ed(String(now()), discordBody.replace('lab-ios-1', 'lab-ios-2'))) },
    { name: 'signature over another timestamp', headers: () => discordHeaders(now(), ed(String(now() - 1))) },
    { name: 'stale: 301 s old', headers: () => discordHeaders(now() - 301) },
    { name: 'future: 301 s ahead', headers: () => discordHeaders(now() + 301) },
  ];

  it.each(discordCases)('Discord: $name → 401', async ({ headers }) => {
    const before = await runCount();
    const callsBefore = discord.calls.length;
    const res = await app.inject({
      method: 'POST', url: '/discord/interactions', payload: discordBody,
      headers: { 'content-type': 'application/json', ...Object.fromEntries(Object.entries(headers()).filter(([, v]) => v !== undefined)) as Record<string, string> },
    });
    expect(res.statusCode).toBe(401);
    expect(await runCount()).toBe(before);
    expect(discord.calls.length).toBe(callsBefore);
  });

  it('Discord: a PING signed 299 s ago is answered (the table above is not refusing everything)', async () => {
    const body = JSON.stringify({ id: '1', application_id: String(interaction.application_id), type: 1, token: 'x', version: 1 });
    const ts = String(now() - 299);
    const res = await app.inject({ method: 'POST', url: '/discord/interactions', payload: body, headers: { 'content-type': 'application/json', ...discordHeaders(ts, ed(ts, body)) } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 1 });
  });
});
