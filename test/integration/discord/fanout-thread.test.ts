import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForRun } from '../../helpers/test-app.ts';
import { DiscordHarness, embedsOf } from './helpers/discord-harness.ts';

describe('a Discord fan-out run', () => {
  const h = new DiscordHarness();
  beforeAll(async () => {
    await h.start({ devices: 4 });
  });
  afterAll(async () => h.close());

  it('posts one summary per stage and one post per failed device, and throttles progress edits', async () => {
    h.t.lab.device('lab-ios-4').setFault({ kind: 'rejectAuth' });
    const { runId, threadId, messageId } = await h.requestRun({ workflow: 'show-version', target: 'tag:lab' });
    expect(await waitForRun(h.t, runId)).toBe('partially_failed');
    await h.discord.waitFor((c) => c.path === `/channels/${threadId}/messages` && JSON.stringify(c.body).includes('partially failed'));
    await h.notificationsIdle();

    const titles = h.threadPosts(threadId).map((c) => embedsOf(c)[0]?.title ?? '');
    expect(titles).toEqual([
      '❌ lab-ios-4: failed',
      '✅ pre_check · 3 devices: 3 passed',
      '✅ implementation · 3 devices: 3 passed',
      '✅ post_check · 3 devices: 3 passed',
      expect.stringMatching(/^⚠️ Run #\d+ partially failed in /),
    ]);
    const failed = h.threadPosts(threadId)[0]!;
    expect(embedsOf(failed)[0]?.description).toMatch(/AUTH|auth|refused|password/i);
    const final = embedsOf(h.threadPosts(threadId)[4]!)[0]?.description ?? '';
    expect(final).toContain('3/4 devices succeeded');

    // 4 devices × (started, 3 stages, outcome) events, yet few edits: progress is throttled, status changes are not
    const edits = h.runMessageEdits(messageId);
    expect(edits.length).toBeLessThanOrEqual(8);
    const last = embedsOf(edits.at(-1)!)[0];
    expect(last?.description).toContain('Partially failed');
    expect(last?.fields?.find((f) => f.name === 'Progress')?.value).toBe('4/4 done · 1 failed');
  });
});
