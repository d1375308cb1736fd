import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForRun } from '../../helpers/test-app.ts';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, startSlackTestApp, threadReplies, type SlackTestApp } from './helpers/slack-test-app.ts';

describe('Slack thread of a fan-out run', () => {
  let s: SlackTestApp;
  beforeAll(async () => {
    s = await startSlackTestApp({ devices: 4 });
    await s.t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
  });
  afterAll(async () => s?.close());

  it('posts one summary per stage and one reply per failed device, and shows progress on the parent', async () => {
    s.t.lab.device('lab-ios-4').setFault({ kind: 'rejectAuth' });
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run show-version on tag:lab', channel: 'C0FAN', trigger: 'trig-fan' }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0FAN')[0], 'the parent');
    const ts = String(parent.result?.ts);
    const run = (await s.t.ctx.runs.list({ workflow: 'show-version' }, { page: 1, perPage: 1 })).items[0]!;
    expect(await waitForRun(s.t, run.id)).toBe('partially_failed');
    const final = await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && String(a.text).includes('partially failed'))[0], 'the final parent');
    expect(blocksText(final.args)).toContain('4/4 done · 1 failed');
    const replies = await s.fake.waitFor(() => { const r = threadReplies(s.fake, 'C0FAN', ts); return r.length >= 4 && r; }, 'summaries and the failed device');
    await new Promise((r) => setTimeout(r, 1500));
    const texts = threadReplies(s.fake, 'C0FAN', ts).map((r) => String(r.args.text));
    expect(texts).toHaveLength(4);
    expect(texts).toEqual(expect.arrayContaining([
      expect.stringContaining('pre_check on 3 devices: 3 passed'),
      expect.stringContaining('implementation on 3 devices: 3 passed'),
      expect.stringContaining('post_check on 3 devices: 3 passed'),
      expect.stringMatching(/lab-ios-4 failed/),
    ]));
    expect(replies.every((r) => r.args.thread_ts === ts)).toBe(true);
    s.t.lab.device('lab-ios-4').setFault(null);
  });
});
