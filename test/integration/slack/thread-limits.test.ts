import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { waitForRun } from '../../helpers/test-app.ts';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, startSlackTestApp, threadReplies, type SlackTestApp } from './helpers/slack-test-app.ts';

const SHOW_RUNNING = `
name: show-running
platforms: [cisco_ios]
stages:
  pre_check:
    - command: show running-config
  implementation:
    - command: show clock
`;

describe('Slack thread limits', () => {
  let s: SlackTestApp;
  const latestRun = async (workflow: string) => (await s.t.ctx.runs.list({ workflow }, { page: 1, perPage: 1 })).items[0]!;

  beforeAll(async () => {
    s = await startSlackTestApp();
    await s.t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
    await importWorkflow(s.t.ctx, SHOW_RUNNING, 'test');
  });
  afterAll(async () => s?.close());

  it('honours a 429 Retry-After on the parent post and posts it exactly once', async () => {
    s.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run show-version on lab-ios-1', channel: 'C0RATE', trigger: 'trig-rate' }));
    const ok = await s.fake.waitFor(() => parentPosts(s.fake, 'C0RATE')[0], 'the parent after the 429');
    const attempts = s.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0RATE' && c.args.thread_ts === undefined);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(ok.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    const run = await latestRun('show-version');
    expect(await waitForRun(s.t, run.id)).toBe('succeeded');
    const ts = String(ok.result?.ts);
    await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && String(a.text).includes('succeeded'))[0], 'the final edit');
    await s.fake.waitFor(() => threadReplies(s.fake, 'C0RATE', ts).length === 3, 'three stage replies');
    expect(parentPosts(s.fake, 'C0RATE')).toHaveLength(1);
  });

  it('spaces posts to one channel about a second apart', () => {
    // Slots are reserved a second apart; the requests themselves may leave a little after their slot.
    const posts = s.fake.ok('chat.postMessage', (a) => a.channel === 'C0RATE').map((c) => c.at);
    expect(posts).toHaveLength(4);
    expect(posts[3]! - posts[0]!).toBeGreaterThanOrEqual(3 * 1000 - 300);
  });

  it('uploads output that does not fit into the thread as a file and links the run page', async () => {
    s.t.lab.device('lab-ios-3').setFault({ kind: 'hugeConfig', megabytes: 0.05 });
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run show-running on lab-ios-3', channel: 'C0LONG', trigger: 'trig-long' }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0LONG')[0], 'the parent');
    const ts = String(parent.result?.ts);
    expect(await waitForRun(s.t, (await latestRun('show-running')).id)).toBe('succeeded');
    const complete = await s.fake.waitFor(() => s.fake.ok('files.completeUploadExternal', (a) => a.channel_id === 'C0LONG')[0], 'the file upload');
    expect(complete.args.thread_ts).toBe(ts);
    expect(s.fake.ok('files.getUploadURLExternal')[0]?.args.filename).toMatch(/^run-\d+-lab-ios-3-pre_check\.txt$/);
    expect(s.fake.uploads.some((u) => u.body.includes('access-list'))).toBe(true);
    const reply = threadReplies(s.fake, 'C0LONG', ts).find((r) => String(r.args.text).includes('pre_check'))!;
    const sections = (reply.args.blocks as { text?: { text: string } }[]).flatMap((b) => (b.text ? [b.text.text] : []));
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(reply.args.blocks).length).toBeLessThan(12_000);
    expect(blocksText(reply.args)).toContain('https://netops.example.com/runs/');
    s.t.lab.device('lab-ios-3').setFault(null);
  });
});
