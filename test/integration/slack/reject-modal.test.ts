import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../../src/chat/slack/slack-action-ids.ts';
import type { RunRepository } from '../../../src/core/ports/run-repository.ts';
import { buttonClick, postToSlackEndpoint, slashCommand, viewSubmission } from './helpers/slack-requests.ts';
import { blocksText, parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

interface ModalView {
  callback_id: string; title: { text: string }; submit: { text: string }; private_metadata: string;
  blocks: { type: string; block_id?: string; optional?: boolean; element?: { type: string; action_id: string; max_length?: number; min_length?: number; multiline?: boolean } }[];
}

const CHANNEL = 'C0REJ';

describe('Slack Reject button: a form asking for the reason', () => {
  let s: SlackTestApp;
  let runId = '';
  let runNumber = 0;
  let ts = '';
  const click = (user: string, trigger: string) =>
    postToSlackEndpoint(s.url, buttonClick({ user, actionId: SlackActionIds.reject, value: runId, channel: CHANNEL, messageTs: ts, trigger }));
  const submit = (user: string, trigger: string, reason: string, metadata: Record<string, string> = { runId, channelId: CHANNEL }) =>
    postToSlackEndpoint(s.url, viewSubmission({
      user, trigger, callbackId: SlackActionIds.rejectModal, privateMetadata: JSON.stringify(metadata),
      values: { reason: { value: { type: 'plain_text_input', value: reason } } },
    }));
  const answer = (trigger: string) => s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith(`/${trigger}`)), `the answer to ${trigger}`);
  const opened = (trigger: string) => s.fake.ok('views.open', (a) => a.trigger_id === trigger);
  const status = async () => (await s.t.ctx.runs.get({ id: runId }))?.status;

  beforeAll(async () => {
    s = await startSlackTestApp();
    await s.t.ctx.users.create({ name: 'dana', role: 'approver', slackId: 'UDANA' });
    await s.t.ctx.users.create({ name: 'bob', role: 'approver', slackId: 'UBOB' });
    await s.t.ctx.users.create({ name: 'carol', role: 'approver', slackId: 'UCAROL' });
    await s.t.ctx.users.create({ name: 'vic', role: 'viewer', slackId: 'UVIC' });
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UDANA', text: 'run add-loopback on lab-ios-2 number=51', channel: CHANNEL, trigger: 'trig-rej-req' }));
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, CHANNEL)[0], 'the approval request');
    ts = String(parent.result?.ts);
    const run = (await s.t.ctx.runs.list({ workflow: 'add-loopback' }, { page: 1, perPage: 1 })).items[0]!;
    runId = run.id;
    runNumber = run.number;
  });
  afterAll(async () => s?.close());

  it('opens a form with the click\'s trigger_id: run number in the title, run id in private_metadata, a required reason of at most 500 characters', async () => {
    const res = await click('UBOB', 'trig-rej-open');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const open = await s.fake.waitFor(() => opened('trig-rej-open')[0], 'views.open');
    const view = open.args.view as ModalView;
    expect(view.callback_id).toBe(SlackActionIds.rejectModal);
    expect(view.title.text).toBe(`Reject run #${runNumber}`);
    expect(view.submit.text).toBe('Reject');
    expect(JSON.parse(view.private_metadata)).toEqual({ runId, channelId: CHANNEL });
    const reason = view.blocks.find((b) => b.block_id === 'reason');
    expect(reason).toMatchObject({ type: 'input', element: { type: 'plain_text_input', action_id: 'value', max_length: 500, min_length: 1 } });
    expect(reason?.optional).toBeFalsy();
    expect(JSON.stringify(view.blocks)).toContain('add-loopback');
    // Opening the form decides nothing.
    expect(await status()).toBe('pending_approval');
    expect(s.fake.responses.find((r) => r.url.endsWith('/trig-rej-open'))).toBeUndefined();
  });

  it('refuses a viewer at the click, privately and with the role needed, without opening the form', async () => {
    await click('UVIC', 'trig-rej-vic-click');
    const refused = await answer('trig-rej-vic-click');
    expect(refused.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(refused.body.text)).toContain('vic has role viewer; rejecting a run needs approver or higher');
    expect(opened('trig-rej-vic-click')).toEqual([]);
  });

  it('refuses a viewer who submits the form with a clear error on the reason field, and rejects nothing', async () => {
    const res = await submit('UVIC', 'trig-rej-vic-submit', 'I do not like it');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { reason: 'vic has role viewer; rejecting a run needs approver or higher.' } });
    const unmapped = await submit('UNOBODY', 'trig-rej-nobody-submit', 'nope');
    const errors = (JSON.parse(unmapped.text) as { errors: { reason: string } }).errors;
    expect(errors.reason).toContain('rejecting a run needs approver or higher');
    expect(errors.reason).toContain('--slack-id UNOBODY');
    expect(await status()).toBe('pending_approval');
  });

  it('asks again for a blank or missing reason', async () => {
    const blank = await submit('UBOB', 'trig-rej-blank', '   \n ');
    expect(JSON.parse(blank.text)).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('Give a reason') } });
    const tooLong = await submit('UBOB', 'trig-rej-long', 'x'.repeat(501));
    expect(JSON.parse(tooLong.text)).toEqual({ response_action: 'errors', errors: { reason: 'At most 500 characters (this one has 501).' } });
    const lost = await submit('UBOB', 'trig-rej-lost', 'why not', { channelId: CHANNEL });
    expect(JSON.parse(lost.text)).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('click Reject on the run message again') } });
    expect(await status()).toBe('pending_approval');
  });

  it('rejects with the reason: the form closes, the run is rejected from Slack and the parent says "Rejected by @bob: reason"', async () => {
    const reason = 'Change window moved to Friday <see CHG-42>';
    const res = await submit('UBOB', 'trig-rej-bob', `  ${reason} `);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.ms).toBeLessThan(3000);
    const run = await s.t.ctx.runs.get({ id: runId });
    expect(run).toMatchObject({ status: 'rejected', decidedByName: 'bob', decisionComment: reason });
    const edit = await s.fake.waitFor(() => s.fake.ok('chat.update', (a) => a.ts === ts && blocksText(a).includes('Rejected by <@UBOB>'))[0], 'the rejected parent');
    expect(edit.args.channel).toBe(CHANNEL);
    expect(String(edit.args.text)).toContain('rejected');
    expect(blocksText(edit.args)).toContain(': Change window moved to Friday &lt;see CHG-42&gt;');
    expect((edit.args.blocks as { type: string }[]).some((b) => b.type === 'actions')).toBe(false);
    const audit = await s.t.ctx.audit.list({ objectType: 'run', objectId: runId }, { page: 1, perPage: 10 });
    expect(audit.items.find((a) => a.action === 'run.rejected')).toMatchObject({ actorName: 'bob', source: 'slack', message: `Rejected by bob: ${reason}` });
  });

  it('refuses a stale form on its field and a stale button privately, naming who decided', async () => {
    const res = await submit('UCAROL', 'trig-rej-stale-submit', 'me too');
    expect(JSON.parse(res.text)).toEqual({
      response_action: 'errors', errors: { reason: `Run #${runNumber} is rejected by bob; only a run pending approval can be rejected.` },
    });
    await click('UCAROL', 'trig-rej-stale-click');
    expect(String((await answer('trig-rej-stale-click')).body.text)).toBe(`Run #${runNumber} is rejected by bob; only a run pending approval can be rejected.`);
    expect(opened('trig-rej-stale-click')).toEqual([]);
    expect((await s.t.ctx.runs.get({ id: runId }))?.decisionComment).toContain('Friday');
  });

  it('closes the form in time and answers by ephemeral message when the check outlives Slack\'s 3 s', async () => {
    const deps = s.t.ctx.approvalDeps;
    const real = deps.runs;
    // The core's read of the run takes longer than Slack waits for the form's answer.
    deps.runs = new Proxy(real, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (prop === 'get') return async (...args: Parameters<RunRepository['get']>) => { await new Promise((r) => setTimeout(r, 2600)); return target.get(...args); };
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const res = await submit('UCAROL', 'trig-rej-slow', 'slow one');
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      expect(res.ms).toBeLessThan(3000);
      const told = await s.fake.waitFor(() => s.fake.ok('chat.postEphemeral', (a) => a.user === 'UCAROL')[0], 'the ephemeral refusal');
      expect(told.args.channel).toBe(CHANNEL);
      expect(String(told.args.text)).toBe(`Run #${runNumber} is rejected by bob; only a run pending approval can be rejected.`);
    } finally {
      deps.runs = real;
    }
  });
});
