import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/web/app.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { DiscordHarness } from '../discord/helpers/discord-harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../discord/helpers/fake-discord.ts';
import { startSlackTestApp, type SlackTestApp } from '../slack/helpers/slack-test-app.ts';
import { preparePeople, WebClient } from './web-client.ts';

/** The settings page's row for a platform: state, mode, details, checked. */
const rowOf = (html: string, platform: string) => {
  const row = new RegExp(`<tr data-platform="${platform}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  return { state: cells[1], mode: cells[2], detail: cells[3], checked: cells[4] };
};

const adminPage = async (app: ConstructorParameters<typeof WebClient>[0]) => {
  const admin = new WebClient(app);
  if ((await admin.login('admin', 'pw-admin')).statusCode !== 200) throw new Error('admin login failed');
  return (await admin.get('/settings')).body;
};

describe('settings: live chat connection state from the running adapters', () => {
  describe('Slack (HTTP mode) whose token Slack refuses', () => {
    let s: SlackTestApp;
    beforeAll(async () => {
      s = await startSlackTestApp({ devices: 1, env: { BASE_URL: 'http://netops.test' } });
      await preparePeople(s.t);
    });
    afterAll(async () => s?.close());

    it('shows the error with Slack\'s reason, from a real auth.test', async () => {
      s.fake.failNext('auth.test', { status: 200, error: 'invalid_auth' });
      const html = await adminPage(s.web);
      expect(rowOf(html, 'Slack')).toMatchObject({ state: 'error', mode: 'HTTP events', detail: 'auth.test failed: invalid_auth' });
      expect(rowOf(html, 'Slack').checked).not.toBe('');
      expect(s.fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
      // Discord is not configured: no adapter, the row says so from the configuration
      expect(rowOf(html, 'Discord')).toMatchObject({ state: 'off', checked: 'not running here' });
      expect(html).not.toContain('xoxb-test-token');
      // a second view within the minute reuses the check instead of asking Slack again
      await adminPage(s.web);
      expect(s.fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
    });
  });

  describe('Discord (HTTP interactions with a bot token)', () => {
    const h = new DiscordHarness();
    beforeAll(async () => {
      await h.start({ devices: 1, env: { BASE_URL: 'http://netops.test' } });
      await preparePeople(h.t);
    });
    afterAll(async () => h.close());

    it('is connected once Discord\'s REST API accepts the bot token', async () => {
      const html = await adminPage(h.app);
      expect(rowOf(html, 'Discord')).toMatchObject({ state: 'connected', mode: 'HTTP interactions', detail: 'interactions at POST /discord/interactions; REST ok as netops-fake-bot' });
      const check = h.discord.calls.find((c) => c.path === '/users/@me');
      expect(check?.authorization).toBe('Bot fake-bot-token');
      expect(html).not.toContain('fake-bot-token');
    });
  });

  describe('Discord (gateway)', () => {
    let t: TestApp;
    let discord: FakeDiscord;
    beforeAll(async () => {
      discord = await startFakeDiscord();
      t = await createTestApp({ devices: 1, worker: false, env: { DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: discord.apiUrl, BASE_URL: 'http://netops.test' } });
      await preparePeople(t);
    });
    afterAll(async () => {
      await t?.close();
      await discord?.close();
    });

    it('says connecting until the gateway session is ready, then connected as the bot', async () => {
      const web = await buildApp(t.ctx, t.services.chat);
      expect(rowOf(await adminPage(web), 'Discord')).toMatchObject({ state: 'connecting', mode: 'gateway' });
      await t.services.chat.find((a) => a.platform === 'discord')!.start?.();
      await discord.waitForIdentify();
      expect(rowOf(await adminPage(web), 'Discord')).toMatchObject({ state: 'connected', mode: 'gateway', detail: 'gateway connected as netops-bot' });
      await web.close();
    });
  });
});
