import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../../src/chat/slack/slack-action-ids.ts';
import { waitForRun } from '../../helpers/test-app.ts';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-requests.ts';
import { parentPosts, startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app.ts';

interface InputBlock { type: string; block_id?: string; element?: { type: string; initial_value?: string; options?: { value: string }[] } }

const interaction = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const viewOf = (values: Record<string, unknown>) => ({
  id: 'VTEST', hash: 'h1', type: 'modal', callback_id: SlackActionIds.runModal, private_metadata: JSON.stringify({ channelId: 'C0MODAL' }), state: { values },
});

describe('Slack run form (/netops run without arguments)', () => {
  let s: SlackTestApp;
  beforeAll(async () => {
    s = await startSlackTestApp();
    await s.t.ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
  });
  afterAll(async () => s?.close());

  it('opens a modal listing the workflows, and rebuilds it with typed param inputs when one is chosen', async () => {
    await postToSlackEndpoint(s.url, slashCommand({ user: 'UALICE', text: 'run', channel: 'C0MODAL', trigger: 'trig-modal' }));
    const open = await s.fake.waitFor(() => s.fake.ok('views.open')[0], 'views.open');
    expect(open.args.trigger_id).toBe('trig-modal');
    const view = open.args.view as { blocks: InputBlock[]; private_metadata: string };
    expect(view.blocks.find((b) => b.block_id === 'workflow')?.element?.options?.map((o) => o.value)).toEqual(expect.arrayContaining(['show-version', 'add-loopback']));
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0MODAL' });

    const res = await postToSlackEndpoint(s.url, interaction({
      type: 'block_actions', user: { id: 'UALICE' }, api_app_id: 'A0TEST', team: { id: 'T0TEST' }, trigger_id: 'trig-select', container: { type: 'view', view_id: 'VTEST' },
      view: viewOf({}), actions: [{ type: 'static_select', action_id: SlackActionIds.modalWorkflow, block_id: 'workflow', selected_option: { value: 'add-loopback', text: { type: 'plain_text', text: 'add-loopback' } } }],
    }));
    expect(res.status).toBe(200);
    const update = await s.fake.waitFor(() => s.fake.ok('views.update')[0], 'views.update');
    const blocks = (update.args.view as { blocks: InputBlock[] }).blocks;
    expect(blocks.find((b) => b.block_id === 'param:number')?.element?.type).toBe('number_input');
    expect(blocks.find((b) => b.block_id === 'param:description')?.element?.initial_value).toBe('created-by-netops');
  });

  it('shows a bad param inline and runs a good submission in the channel', async () => {
    const submit = (trigger: string, values: Record<string, unknown>) => postToSlackEndpoint(s.url, interaction({
      type: 'view_submission', user: { id: 'UALICE' }, api_app_id: 'A0TEST', team: { id: 'T0TEST' }, trigger_id: trigger, view: { ...viewOf(values), hash: trigger },
    }));
    const values = (number: string) => ({
      workflow: { [SlackActionIds.modalWorkflow]: { type: 'static_select', selected_option: { value: 'show-version' } } },
      target: { value: { type: 'plain_text_input', value: number === 'bad' ? 'no-such-device' : 'lab-ios-1' } },
      options: { value: { type: 'checkboxes', selected_options: [] } },
    });
    const bad = await submit('trig-bad', values('bad'));
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.text)).toEqual({ response_action: 'errors', errors: { target: expect.stringContaining('no-such-device') } });
    const good = await submit('trig-good', values('good'));
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    const parent = await s.fake.waitFor(() => parentPosts(s.fake, 'C0MODAL')[0], 'the parent');
    expect(String(parent.args.text)).toContain('show-version on lab-ios-1');
    const run = (await s.t.ctx.runs.list({ workflow: 'show-version' }, { page: 1, perPage: 1 })).items[0]!;
    expect(run.requesterName).toBe('alice');
    expect(await waitForRun(s.t, run.id)).toBe('succeeded');
  });
});
