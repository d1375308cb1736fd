import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForRun } from '../../helpers/test-app.ts';
import { postToSlackEndpoint, slashCommand, SIGNING_SECRET } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, PUBLIC_URL, startSlackTestApp, threadReplies, type SlackTestApp } from './helpers/slack-test-app.ts';

describe('Slack slash commands over signed HTTP', () => {
  let s: SlackTestApp;
  const runCount = async () => (await s.t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;

  beforeAll(async () => {
    s = await startSlackTestApp();
    await s.t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
  });
  afterAll(async () => s?.close());

  it('refuses a missing, wrong or stale signature with 401 and starts nothing', async () => {
    const body = slashCommand({ user: 'UALICE', text: 'run show-version on lab-ios-1', channel: 'C0SIG' });
    const before = await runCount();
    const missing = await postToSlackEndpoint(s.url, body, { signature: null });
    const wrong = await postToSlackEndpoint(s.url, body, { secret: 'not-the-secret' });
    const tampered = await postToSlackEndpoint(s.url, body, { signature: `v0=${'0'.repeat(64)}` });
    const stale = await postToSlackEndpoint(s.url, body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const future = await postToSlackEndpoint(s.url, body, { timestamp: Math.floor(Date.now() / 1000) + 301 });
    expect([missing.status, wrong.status, tampered.status, stale.status, future.status]).toEqual([401, 401, 401, 401, 401]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await runCount()).toBe(before);
    expect(s.fake.calls.filter((c) => (c.args.channel ?? c.args.channel_id) === 'C0SIG')).toEqual([]);
    expect(s.fake.responses).toEqual([]);
  });

  it('acks a run within 3 s, posts the parent, one threaded reply per stage and edits the parent to succeeded', async () => {
    const res = await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run show-version on lab-ios-1', channel: 'C0RUN', trigger: 'trig-run-1' }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.ms).toBeLessThan(3000);
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0RUN')[0], 'the parent message');
    const run = (await s.t.ctx.runs.list({ workflow: 'show-version' }, { page: 1, perPage: 1 })).items[0];
    expect(run).toBeDefined();
    expect(String(parent.args.text)).toContain(`Run #${run!.number}`);
    const parentBlocks = blocksText(parent.args);
    expect(parentBlocks).toContain('show-version');
    expect(parentBlocks).toContain('lab-ios-1');
    // alice is linked to UALICE: named by a Slack mention.
    expect(parentBlocks).toContain('<@UALICE>');
    expect(parentBlocks).toContain(`${PUBLIC_URL}/runs/${run!.number}`);
    expect(await waitForRun(s.t, run!.id)).toBe('succeeded');
    const ts = parentTs(s, 'C0RUN');
    const replies = await s.fake.waitFor(() => { const r = threadReplies(s.fake, 'C0RUN', ts); return r.length >= 3 && r; }, 'three stage replies');
    const finalEdit = await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && String(a.text).includes('succeeded'))[0], 'the parent edited to succeeded');
    expect(replies.map((r) => String(r.args.text))).toEqual([
      expect.stringContaining('pre_check passed on lab-ios-1'),
      expect.stringContaining('implementation passed on lab-ios-1'),
      expect.stringContaining('post_check passed on lab-ios-1'),
    ]);
    expect(blocksText(replies[1]!.args)).toContain('show version');
    expect(blocksText(replies[1]!.args)).toContain('Cisco IOS Software');
    expect(blocksText(finalEdit.args)).toContain('config diff');
    expect(finalEdit.args.blocks).toBeDefined();
    // Nothing twice: one parent, one reply per stage, and the run is threaded to the parent's ts.
    await new Promise((r) => setTimeout(r, 500));
    expect(parentPosts(s.fake, 'C0RUN')).toHaveLength(1);
    expect(threadReplies(s.fake, 'C0RUN', ts)).toHaveLength(3);
    expect((await s.t.ctx.runs.get({ id: run!.id }))?.chat).toMatchObject({ platform: 'slack', channelId: 'C0RUN', messageId: ts, threadId: ts });
  });

  it('treats a retried delivery (X-Slack-Retry-Num) as the same request: one run, one parent', async () => {
    const before = await runCount();
    const body = slashCommand({ user: 'UALICE', text: 'run show-version on lab-ios-2', channel: 'C0RETRY', trigger: 'trig-retry-1' });
    const first = await postToSlackEndpoint(s.url, body);
    const retry = await postToSlackEndpoint(s.url, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await s.fake.waitFor(() => parentPosts(s.fake, 'C0RETRY')[0], 'the parent');
    await new Promise((r) => setTimeout(r, 800));
    expect(await runCount()).toBe(before + 1);
    expect(parentPosts(s.fake, 'C0RETRY')).toHaveLength(1);
  });

  it('gives an unmapped user the default role: whoami explains, run is refused naming the role needed', async () => {
    const before = await runCount();
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UNOBODY', text: 'whoami', trigger: 'trig-who' }));
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UNOBODY', text: 'run show-version on lab-ios-1', channel: 'C0NOBODY', trigger: 'trig-nobody-run' }));
    const who = await s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith('/trig-who')), 'whoami answer');
    expect(who.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(who.body.text)).toContain('not linked to a NetOps user');
    expect(String(who.body.text)).toContain('default role viewer');
    const refused = await s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith('/trig-nobody-run')), 'refusal');
    expect(refused.body.response_type).toBe('ephemeral');
    expect(String(refused.body.text)).toMatch(/role viewer; starting a run needs operator/);
    expect(await runCount()).toBe(before);
    expect(parentPosts(s.fake, 'C0NOBODY')).toHaveLength(0);
  });

  it('answers a mistyped command with an ephemeral error and the right form', async () => {
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run show-version lab-ios-1', trigger: 'trig-typo' }));
    const answer = await s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith('/trig-typo')), 'usage answer');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blocksText(answer.body)).toContain('/netops run WORKFLOW on TARGET');
  });

  it('keeps the signing secret and bot token out of what it sends back', async () => {
    const all = JSON.stringify(s.fake.responses);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain('xoxb-test-token');
  });
});

/** The ts Slack gave the channel's parent message. */
function parentTs(s: SlackTestApp, channel: string): string {
  const parent = parentPosts(s.fake, channel)[0];
  if (!parent?.result) throw new Error('no parent');
  return String(parent.result.ts);
}
