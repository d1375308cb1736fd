import { describe, expect, it } from 'vitest';
import { renderRunParent, runStatusLabel } from '../../../../src/chat/slack/render-run-parent.ts';
import { SlackActionIds } from '../../../../src/chat/slack/slack-action-ids.ts';
import type { RunView } from '../../../../src/core/chat/run-view.ts';

const view = (over: Partial<RunView> = {}): RunView => ({
  id: 'run-1', number: 12, workflow: 'add-loopback', target: 'lab-ios-2', params: { number: 7 }, dryRun: false, status: 'pending_approval', final: false,
  requester: 'alice', decidedBy: null, decidedAt: null, decisionComment: null, expiresAt: new Date('2026-01-01T15:00:00Z'),
  url: 'https://netops.example.com/runs/12', durationMs: null, error: null, implementation: ['interface Loopback7', 'description x'], progress: null,
  executions: [{ device: 'lab-ios-2', status: 'queued', stage: null, error: null }], ...over,
});
const json = (v: RunView) => JSON.stringify(renderRunParent(v).blocks);

describe('renderRunParent', () => {
  it('shows what, where, who, params, the commands and both buttons while approval is pending (Reject opens a form)', () => {
    const m = renderRunParent(view());
    expect(m.text).toBe('Run #12 · add-loopback on lab-ios-2: ⏳ waiting for approval');
    const s = json(view());
    for (const part of ['add-loopback', 'lab-ios-2', '*alice*', '`number=7`', 'interface Loopback7', 'https://netops.example.com/runs/12']) expect(s).toContain(part);
    const actions = m.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string; confirm?: object }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value, e.confirm !== undefined])).toEqual([[SlackActionIds.approve, 'run-1', true], [SlackActionIds.reject, 'run-1', false]]);
  });

  it('replaces the buttons with who decided, when, and why', () => {
    const decidedAt = new Date('2026-01-01T14:02:00Z');
    const approved = renderRunParent(view({ status: 'queued', decidedBy: 'bob', decidedAt }));
    expect(approved.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(approved.blocks)).toContain(`✅ Approved by *bob* at <!date^${decidedAt.getTime() / 1000}^{time}|2026-01-01 14:02 UTC>`);
    const rejected = json(view({ status: 'rejected', final: true, decidedBy: 'slack:U0BOB', decidedAt, decisionComment: 'wrong <loopback>' }));
    expect(rejected).toContain('🚫 Rejected by <@U0BOB>');
    expect(rejected).toContain(': wrong &lt;loopback&gt;');
    expect(json(view({ status: 'expired', final: true }))).toContain('⌛ Expired');
    expect(json(view({ status: 'expired', final: true }))).not.toContain(SlackActionIds.approve);
  });

  it('mentions linked users by their Slack id, names the others, and never turns a bad stored id into mrkdwn', () => {
    const decidedAt = new Date('2026-01-01T14:02:00Z');
    const mentions = new Map([['alice', 'U0ALICE'], ['bob', 'U0BOB'], ['mallory', '<!channel>']]);
    const rejected = JSON.stringify(renderRunParent(view({ status: 'rejected', final: true, decidedBy: 'bob', decidedAt, decisionComment: 'not today' }), mentions).blocks);
    expect(rejected).toContain('*Requested by*\\n<@U0ALICE>');
    expect(rejected).toContain('🚫 Rejected by <@U0BOB> at ');
    expect(rejected).toContain(': not today');
    const byOther = JSON.stringify(renderRunParent(view({ status: 'queued', decidedBy: 'carol', decidedAt }), mentions).blocks);
    expect(byOther).toContain('✅ Approved by *carol*');
    const bad = JSON.stringify(renderRunParent(view({ status: 'queued', requester: 'mallory', decidedBy: 'slack:U0EVE', decidedAt }), mentions).blocks);
    expect(bad).toContain('*mallory*');
    expect(bad).not.toContain('<!channel>');
    expect(bad).toContain('Approved by <@U0EVE>');
  });

  it('names the stage a single device is in and the fan-out progress', () => {
    expect(runStatusLabel(view({ status: 'running', executions: [{ device: 'd', status: 'running', stage: 'post_check', error: null }] }))).toBe('▶️ running post_check');
    expect(runStatusLabel(view({ status: 'running', executions: [{ device: 'd', status: 'waiting_for_device', stage: null, error: null }] }))).toMatch(/waiting for the device/);
    expect(runStatusLabel(view({ status: 'failed', executions: [{ device: 'd', status: 'rolled_back', stage: null, error: null }] }))).toBe('↩️ rolled back');
    const fan = json(view({ status: 'running', progress: { total: 200, done: 120, failed: 3, running: 17, waiting: 0 } }));
    expect(fan).toContain('120/200 done · 3 failed · 17 running');
  });
});
