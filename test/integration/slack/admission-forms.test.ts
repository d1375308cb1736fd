import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_BUSY_TEXT } from '../../../src/chat/slack/delivery-gate.ts';
import { TRIGGER_FRESH_MS } from '../../../src/chat/slack/handle-run-modal.ts';
import { SlackActionIds } from '../../../src/chat/slack/slack-action-ids.ts';
import { postToSlackEndpoint, slashCommand, viewSubmission } from './helpers/slack-requests.ts';
import { parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

const runForm = (trigger: string) => viewSubmission({
  user: 'UFRAN', callbackId: SlackActionIds.runModal, privateMetadata: JSON.stringify({ channelId: 'C0FORM' }), trigger,
  values: {
    workflow: { [SlackActionIds.modalWorkflow]: { type: 'static_select', selected_option: { value: 'show-version' } } },
    target: { value: { type: 'plain_text_input', value: 'lab-ios-1' } },
    options: { value: { type: 'checkboxes', selected_options: [] } },
  },
});

describe('Slack admission control: run forms and the form-opening `run`', () => {
  let s: SlackTestApp;
  const slackRuns = () => s.t.ctx.db.prisma.run.count({ where: { source: 'slack' } });

  beforeAll(async () => {
    s = await startSlackTestApp({ devices: 1, worker: false, env: { CHAT_MAX_IN_FLIGHT: '1', CHAT_MAX_QUEUED: '1' } });
    await s.t.ctx.users.create({ name: 'fran', role: 'operator', slackId: 'UFRAN' });
  }, 60_000);
  afterAll(async () => s?.close());

  it('keeps a run form open with a busy field error when full, never opens a form on a stale trigger, and takes the form once there is room', async () => {
    const release = s.fake.hold('chat.postMessage');
    // One command holds the only place (its parent post is held); a bare `run` waits in the only spot in line.
    expect(await postToSlackEndpoint(s.url, slashCommand({ user: 'UFRAN', text: 'run show-version on lab-ios-1', channel: 'C0HOLD', trigger: 'trig-hold' }))).toMatchObject({ status: 200, text: '' });
    expect(await postToSlackEndpoint(s.url, slashCommand({ user: 'UFRAN', text: 'run', channel: 'C0FORM', trigger: 'trig-stale' }))).toMatchObject({ status: 200, text: '' });

    const refused = await postToSlackEndpoint(s.url, runForm('trig-form-busy'));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { workflow: FORM_BUSY_TEXT } });
    expect(await slackRuns()).toBe(1); // the held command's run only

    // The bare `run` waits past the life of its trigger_id before its place comes.
    await new Promise((r) => setTimeout(r, TRIGGER_FRESH_MS + 300));
    release();
    await s.fake.waitFor(() => parentPosts(s.fake, 'C0HOLD')[0], 'the parent of the held command');
    const answer = await s.fake.waitFor(() => s.fake.responses.find((r) => r.url.endsWith('/trig-stale')), 'the answer to the stale `run`');
    expect(String(answer.body.text)).toContain('could not open in time');
    expect(s.fake.ok('views.open')).toEqual([]);

    // With room again, the same form is taken and becomes one run.
    const accepted = await postToSlackEndpoint(s.url, runForm('trig-form-ok'));
    expect(accepted).toMatchObject({ status: 200, text: '' });
    await s.fake.waitFor(() => parentPosts(s.fake, 'C0FORM')[0], 'the parent of the form run');
    expect(await slackRuns()).toBe(2);
    expect((await s.t.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ chat: { refusedBusy: 1, inFlight: 0, queued: 0, failed: 0 } });
  }, 60_000);
});
