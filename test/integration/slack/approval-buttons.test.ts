import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../../src/chat/slack/slack-action-ids.ts';
import { expireApproval } from '../../../src/core/approvals/decide-approval.ts';
import { waitForRun } from '../../helpers/test-app.ts';
import { buttonClick, postToSlackEndpoint, slashCommand } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

interface Block { type: string; elements?: { action_id?: string; value?: string; confirm?: unknown }[] }

describe('Slack approval buttons', () => {
  let s: SlackTestApp;
  let runId = '';
  let ts = '';
  const click = async (user: string, actionId: string, trigger: string) => {
    const res = await postToSlackEndpoint(s.url, buttonClick({ user, actionId, value: runId, channel: 'C0CHG', messageTs: ts, trigger }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
  };
  const answer = (trigger: string) => s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith(`/${trigger}`)), `the answer to ${trigger}`);

  beforeAll(async () => {
    s = await startSlackTestApp({ env: { SLACK_APPROVALS_CHANNEL: 'C0APPROVALS' } });
    await s.t.ctx.users.create({ name: 'dana', role: 'approver', slackId: 'UDANA' });
    await s.t.ctx.users.create({ name: 'bob', role: 'approver', slackId: 'UBOB' });
    await s.t.ctx.users.create({ name: 'carol', role: 'approver', slackId: 'UCAROL' });
    await s.t.ctx.users.create({ name: 'vic', role: 'viewer', slackId: 'UVIC' });
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UDANA', text: 'run add-loopback on lab-ios-2 number=42', channel: 'C0CHG', trigger: 'trig-req' }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0CHG')[0], 'the approval request');
    ts = String(parent.result?.ts);
    runId = (await s.t.ctx.runs.list({ workflow: 'add-loopback' }, { page: 1, perPage: 1 })).items[0]!.id;
  });
  afterAll(async () => s?.close());

  it('posts the rendered commands and Approve/Reject buttons carrying the run id; Approve has a confirm dialog, Reject opens a form', () => {
    const parent = parentPosts(s.fake, 'C0CHG')[0]!;
    expect(String(parent.args.text)).toContain('waiting for approval');
    expect(blocksText(parent.args)).toContain('interface Loopback42');
    expect(blocksText(parent.args)).toContain('description created-by-netops');
    const actions = (parent.args.blocks as Block[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value, Boolean(e.confirm)])).toEqual([
      [SlackActionIds.approve, runId, true],
      [SlackActionIds.reject, runId, false],
    ]);
  });

  it('also posts the request with its buttons to SLACK_APPROVALS_CHANNEL', async () => {
    const copy = await s.fake.waitFor(() => parentPosts(s.fake, 'C0APPROVALS')[0], 'the approvals channel copy');
    expect(blocksText(copy.args)).toContain(SlackActionIds.approve);
    expect(blocksText(copy.args)).toContain('interface Loopback42');
  });

  it('refuses self-approval, a viewer and an unmapped user, each privately and with the reason', async () => {
    await click('UDANA', SlackActionIds.approve, 'trig-self');
    await click('UVIC', SlackActionIds.approve, 'trig-viewer');
    await click('UNOBODY', SlackActionIds.reject, 'trig-unmapped');
    const self = await answer('trig-self');
    const viewer = await answer('trig-viewer');
    const unmapped = await answer('trig-unmapped');
    for (const a of [self, viewer, unmapped]) expect(a.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(self.body.text)).toContain('four-eyes');
    expect(String(viewer.body.text)).toContain('vic has role viewer; approving a run needs approver or higher');
    expect(String(unmapped.body.text)).toContain('rejecting a run needs approver or higher');
    expect(blocksText(unmapped.body)).toContain('--slack-id UNOBODY');
    expect((await s.t.ctx.runs.get({ id: runId }))?.status).toBe('pending_approval');
  });

  it('lets a second user approve: the run goes ahead and the buttons become "Approved by" with a mention of the linked user', async () => {
    await click('UBOB', SlackActionIds.approve, 'trig-bob');
    expect(await waitForRun(s.t, runId)).toBe('succeeded');
    const decided = await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && blocksText(a).includes('Approved by <@UBOB>'))[0], 'the decided parent');
    expect((decided.args.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
    expect(decided.args.text).toBeTruthy();
    expect(blocksText(decided.args)).toContain('Requested by*\\n<@UDANA>');
    expect(blocksText(decided.args)).not.toContain('*bob*');
    await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && String(a.text).includes('succeeded'))[0], 'the final edit');
    expect(s.fake.responses.find((r) => r.url.endsWith('/trig-bob'))).toBeUndefined();
    const copyTs = String(parentPosts(s.fake, 'C0APPROVALS')[0]?.result?.ts);
    await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.channel === 'C0APPROVALS' && a.ts === copyTs && blocksText(a).includes('Approved by <@UBOB>'))[0], 'the approvals copy decided');
    const audit = await s.t.ctx.audit.list({ objectType: 'run', objectId: runId }, { page: 1, perPage: 10 });
    expect(audit.items.find((a) => a.action === 'run.approved')).toMatchObject({ actorName: 'bob', source: 'slack' });
  });

  it('mentions linked users in /netops status too', async () => {
    const number = (await s.t.ctx.runs.get({ id: runId }))!.number;
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UCAROL', text: `status ${number}`, channel: 'C0CHG', trigger: 'trig-status' }));
    const status = await answer('trig-status');
    expect(blocksText(status.body)).toContain('Approved by <@UBOB>');
    expect(blocksText(status.body)).toContain('<@UDANA>');
  });

  it('explains a click on a stale button and does not decide twice', async () => {
    await click('UCAROL', SlackActionIds.reject, 'trig-stale');
    const stale = await answer('trig-stale');
    expect(String(stale.body.text)).toMatch(/is succeeded by bob; only a run pending approval can be rejected/);
    expect((await s.t.ctx.runs.get({ id: runId }))?.status).toBe('succeeded');
    expect(parentPosts(s.fake, 'C0CHG')).toHaveLength(1);
  });

  it('replaces the buttons with "Expired" when nobody approves in time, and explains a late click', async () => {
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UDANA', text: 'run add-loopback on lab-ios-3 number=43', channel: 'C0EXP', trigger: 'trig-exp' }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0EXP')[0], 'the request');
    const expTs = String(parent.result?.ts);
    const expiring = (await s.t.ctx.runs.list({ workflow: 'add-loopback' }, { page: 1, perPage: 1 })).items[0]!;
    expect(await expireApproval(s.t.ctx.approvalDeps, expiring.id)).toBe(true);
    const edit = await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === expTs && blocksText(a).includes('⌛ Expired'))[0], 'the expired parent');
    expect((edit.args.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
    const res = await postToSlackEndpoint(s.url, buttonClick({ user: 'UBOB', actionId: SlackActionIds.approve, value: expiring.id, channel: 'C0EXP', messageTs: expTs, trigger: 'trig-late' }));
    expect(res.status).toBe(200);
    expect(String((await answer('trig-late')).body.text)).toMatch(/is expired; only a run pending approval can be approved/);
  });
});
