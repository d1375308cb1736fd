import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TEXT } from '../../../src/core/chat/chat-admission.ts';
import { postToSlackEndpoint, slashCommand, type SlackHttpResult } from './helpers/slack-requests.ts';
import { parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

const IN_FLIGHT = 2;
const QUEUED = 3;
const SENT = 10;

/** A refused command's answer: the ack body itself, ephemeral, saying nothing ran. */
function isBusyAnswer(res: SlackHttpResult): boolean {
  if (res.status !== 200 || res.text === '') return false;
  const body = JSON.parse(res.text) as { response_type?: string; text?: string };
  return body.response_type === 'ephemeral' && String(body.text).includes(BUSY_TEXT);
}

describe('Slack admission control: a full web process refuses slash commands honestly', () => {
  let s: SlackTestApp;
  const runKeys = async () => new Set((await s.t.ctx.db.prisma.run.findMany({ where: { source: 'slack' }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey));
  const readyz = async () => (await s.t.app.inject({ method: 'GET', url: '/readyz' })).json() as { chat: Record<string, number> };

  beforeAll(async () => {
    // No worker: runs stay queued, so the only Slack calls are the listeners' own parent posts.
    s = await startSlackTestApp({ devices: 3, worker: false, env: { CHAT_MAX_IN_FLIGHT: String(IN_FLIGHT), CHAT_MAX_QUEUED: String(QUEUED) } });
    await s.t.ctx.users.create({ name: 'erin', role: 'operator', slackId: 'UERIN' });
  }, 60_000);
  afterAll(async () => s?.close());

  it(`works on ${IN_FLIGHT}, queues ${QUEUED}, answers the other ${SENT - IN_FLIGHT - QUEUED} "busy, nothing was run" at once; exactly the accepted ones become runs`, async () => {
    // Slack is slow to take the run parent messages: the first commands hold their places until released.
    const release = s.fake.hold('chat.postMessage');
    const trigger = (i: number) => `trig-adm-${i}`;
    const body = (i: number) => slashCommand({ user: 'UERIN', text: `run show-version on lab-ios-${(i % 3) + 1}`, channel: `C0ADM${i}`, trigger: trigger(i) });
    const answers = await Promise.all(Array.from({ length: SENT }, (_, i) => postToSlackEndpoint(s.url, body(i))));

    const busy = answers.flatMap((a, i) => (isBusyAnswer(a) ? [i] : []));
    const accepted = answers.flatMap((a, i) => (a.status === 200 && a.text === '' ? [i] : []));
    expect(accepted).toHaveLength(IN_FLIGHT + QUEUED);
    expect(busy).toHaveLength(SENT - IN_FLIGHT - QUEUED);
    // The refusal repeats what was typed, so it can be sent again as is.
    expect(JSON.parse(answers[busy[0]!]!.text).text).toContain(`/netops run show-version on lab-ios-${(busy[0]! % 3) + 1}`);
    expect((await readyz()).chat).toMatchObject({ maxInFlight: IN_FLIGHT, maxQueued: QUEUED, inFlight: IN_FLIGHT, queued: QUEUED, refusedBusy: SENT - IN_FLIGHT - QUEUED });

    // A Slack retry of an accepted command, still waiting in line, is not told "nothing was run"…
    const retryOfAccepted = await postToSlackEndpoint(s.url, body(accepted.at(-1)!), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retryOfAccepted).toMatchObject({ status: 200, text: '' });
    // …while a retry of a refused one, with no room yet, is refused again.
    const retryOfRefused = await postToSlackEndpoint(s.url, body(busy[0]!), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(isBusyAnswer(retryOfRefused)).toBe(true);

    release();
    for (const i of accepted) await s.fake.waitFor(() => parentPosts(s.fake, `C0ADM${i}`)[0], `the parent of accepted command ${i}`);
    const keys = await runKeys();
    expect(keys.size).toBe(IN_FLIGHT + QUEUED);
    for (const i of accepted) expect(keys.has(`slack:${trigger(i)}`)).toBe(true);
    for (const i of busy) {
      expect(keys.has(`slack:${trigger(i)}`)).toBe(false);
      expect(parentPosts(s.fake, `C0ADM${i}`)).toEqual([]);
    }
    // Nobody got "Something went wrong", and the refused ones got nothing but the busy ack.
    expect(s.fake.responses.filter((r) => busy.some((i) => r.url.endsWith(`/${trigger(i)}`)))).toEqual([]);
    expect((await readyz()).chat).toMatchObject({ inFlight: 0, queued: 0, accepted: IN_FLIGHT + QUEUED, completed: IN_FLIGHT + QUEUED, failed: 0 });
  }, 60_000);

  it('takes commands again once there is room: the same command refused before now becomes one run', async () => {
    const res = await postToSlackEndpoint(s.url, slashCommand({ user: 'UERIN', text: 'run show-version on lab-ios-1', channel: 'C0AGAIN', trigger: 'trig-again' }));
    expect(res).toMatchObject({ status: 200, text: '' });
    await s.fake.waitFor(() => parentPosts(s.fake, 'C0AGAIN')[0], 'the parent');
    expect((await runKeys()).has('slack:trig-again')).toBe(true);
  });
});
