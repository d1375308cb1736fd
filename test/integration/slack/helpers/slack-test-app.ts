import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { buildApp } from '../../../../src/web/app.ts';
import { createTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

export const PUBLIC_URL = 'https://netops.example.com';

export interface SlackTestApp {
  t: TestApp;
  fake: FakeSlackApi;
  /** Our server, listening on loopback: requests go over real HTTP. */
  url: string;
  web: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real product with Slack configured against a faked Slack (nock): the Slack adapter's routes on a
 * listening server, the in-process worker delivering thread notifications to the fake.
 */
export async function startSlackTestApp(opts: { devices?: number; env?: Record<string, string>; worker?: boolean } = {}): Promise<SlackTestApp> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const fake = new FakeSlackApi();
  fake.install();
  const t = await createTestApp({
    devices: opts.devices ?? 3, worker: opts.worker ?? true,
    env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, BASE_URL: PUBLIC_URL, ...opts.env },
  });
  const web = await buildApp(t.ctx, t.services.chat);
  const url = await web.listen({ host: '127.0.0.1', port: 0 });
  return {
    t, fake, url, web,
    async close() {
      await web.close();
      await t.close();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/** Parent messages (not thread replies) posted in a channel. */
export const parentPosts = (fake: FakeSlackApi, channel: string) => fake.ok('chat.postMessage', (a) => a.channel === channel && a.thread_ts === undefined);
export const threadReplies = (fake: FakeSlackApi, channel: string, ts: string) => fake.ok('chat.postMessage', (a) => a.channel === channel && a.thread_ts === ts);
export const blocksText = (args: Record<string, unknown>) => JSON.stringify(args.blocks ?? []);
