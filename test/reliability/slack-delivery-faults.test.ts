import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../src/chat/slack/slack-action-ids.ts';
import { buttonClick, postToSlackEndpoint, slashCommand } from '../integration/slack/helpers/slack-requests.ts';
import { parentPosts, startSlackTestApp, type SlackTestApp } from '../integration/slack/helpers/slack-test-app.ts';
import { waitForRun } from '../helpers/test-app.ts';

const APPROVERS = 50;

describe('Slack delivering the same thing more than once, and racing clicks', () => {
  let s: SlackTestApp;
  const runsOf = async (workflow: string) => (await s.t.ctx.runs.list({ workflow }, { page: 1, perPage: 100 })).items;
  /** Requests add-loopback from Slack and returns the run and its parent message ts. */
  const requestChange = async (device: string, number: number, channel: string) => {
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UDANA', text: `run add-loopback on ${device} number=${number}`, channel, trigger: `trig-${channel}` }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, channel)[0], `the approval request in ${channel}`);
    const run = (await runsOf('add-loopback')).find((r) => r.params.number === number)!;
    return { run, ts: String(parent.result?.ts) };
  };

  beforeAll(async () => {
    s = await startSlackTestApp({ devices: 3 });
    await s.t.ctx.users.create({ name: 'dana', role: 'operator', slackId: 'UDANA' });
    for (let i = 1; i <= APPROVERS; i++) await s.t.ctx.users.create({ name: `approver${i}`, role: 'approver', slackId: `UAPP${i}` });
  }, 60_000);
  afterAll(async () => s?.close());

  it('turns one slash command delivered three times (X-Slack-Retry-Num 1 and 2, overlapping) into one run and one parent message', async () => {
    const before = (await runsOf('show-version')).length;
    const body = slashCommand({ user: 'UDANA', text: 'run show-version on lab-ios-3', channel: 'C0TRIPLE', trigger: 'trig-triple' });
    const answers = await Promise.all([
      postToSlackEndpoint(s.url, body),
      postToSlackEndpoint(s.url, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
      postToSlackEndpoint(s.url, body, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0TRIPLE')[0], 'the parent');
    const runs = (await runsOf('show-version')).slice(0, (await runsOf('show-version')).length - before);
    expect(runs).toHaveLength(1);
    expect(await waitForRun(s.t, runs[0]!.id)).toBe('succeeded');
    // Later deliveries of the same request (a third retry after the run ended) change nothing either.
    await postToSlackEndpoint(s.url, body, { headers: { 'x-slack-retry-num': '3', 'x-slack-retry-reason': 'http_error' } });
    await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === parent.result?.ts && String(a.text).includes('succeeded'))[0], 'the final edit');
    expect((await runsOf('show-version')).length - before).toBe(1);
    expect(parentPosts(s.fake, 'C0TRIPLE')).toHaveLength(1);
    expect(s.t.lab.device('lab-ios-3').commandLog.filter((c) => c === 'show version')).toHaveLength(1);
  });

  it(`makes ${APPROVERS} concurrent Approve clicks by ${APPROVERS} approvers one transition: one approval, one change, ${APPROVERS - 1} polite refusals`, async () => {
    const { run, ts } = await requestChange('lab-ios-1', 4242, 'C0RACE');
    const clicks = await Promise.all(Array.from({ length: APPROVERS }, (_, i) => postToSlackEndpoint(s.url, buttonClick({
      user: `UAPP${i + 1}`, actionId: SlackActionIds.approve, value: run.id, channel: 'C0RACE', messageTs: ts, trigger: `trig-race-${i + 1}`,
    }))));
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    expect(await waitForRun(s.t, run.id, 30_000)).toBe('succeeded');
    const decided = (await s.t.ctx.runs.get({ id: run.id }))!;
    expect(decided.decidedByName).toMatch(/^approver\d+$/);
    const refusals = await s.fake.waitFor(() => {
      const r = s.fake.responses.filter((x) => /\/trig-race-\d+$/.test(x.url));
      return r.length >= APPROVERS - 1 && r;
    }, 'the refusals', 30_000);
    expect(refusals).toHaveLength(APPROVERS - 1);
    for (const r of refusals) {
      expect(r.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(r.body.text)).toMatch(new RegExp(`^Run #${run.number} is \\w+ by ${decided.decidedByName}; only a run pending approval can be approved\\.$`));
    }
    const winner = `/trig-race-${decided.decidedByName!.replace('approver', '')}`;
    expect(s.fake.responses.some((r) => r.url.endsWith(winner))).toBe(false);
    const audit = await s.t.ctx.audit.list({ objectType: 'run', objectId: run.id }, { page: 1, perPage: 100 });
    expect(audit.items.filter((a) => a.action === 'run.approved')).toHaveLength(1);
    expect(s.t.lab.device('lab-ios-1').commandLog.filter((c) => c === 'interface Loopback4242')).toHaveLength(1);
    expect(parentPosts(s.fake, 'C0RACE')).toHaveLength(1);
  }, 60_000);

  it('refuses a click that arrives after the approval window, politely and to the clicker alone, and sends nothing to the device', async () => {
    const { run, ts } = await requestChange('lab-ios-2', 4343, 'C0LATE');
    // The TTL ran out a second ago and the expiry job has not fired yet: the click itself must notice.
    await s.t.ctx.db.prisma.run.update({ where: { id: run.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const click = await postToSlackEndpoint(s.url, buttonClick({ user: 'UAPP1', actionId: SlackActionIds.approve, value: run.id, channel: 'C0LATE', messageTs: ts, trigger: 'trig-late-click' }));
    expect(click.status).toBe(200);
    const answer = await s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith('/trig-late-click')), 'the answer to the late click');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.body.text)).toMatch(new RegExp(`^Run #${run.number} expired at .+; request it again\\.$`));
    expect((await s.t.ctx.runs.get({ id: run.id }))?.status).toBe('expired');
    await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && JSON.stringify(a.blocks ?? []).includes('Expired'))[0], 'the parent shown as expired');
    expect(s.t.lab.device('lab-ios-2').commandLog.some((c) => c.includes('Loopback4343'))).toBe(false);
  }, 30_000);
});
