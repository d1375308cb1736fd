import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../../src/core/chat/run-view.ts';
import { runButtons, runEmbed } from '../../../../src/chat/discord/run-message.ts';

const view = (over: Partial<RunView> = {}): RunView => ({
  id: '0b5c9a52-3f0e-4e43-9a53-6a8e3c1f2d10', number: 12, workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 100 }, dryRun: false,
  status: 'pending_approval', final: false, requester: 'alice', decidedBy: null, decidedAt: null, decisionComment: null,
  expiresAt: new Date('2030-01-01T00:00:00Z'), url: 'https://netops.example.com/runs/12', durationMs: null, error: null,
  implementation: ['interface Loopback100'], progress: null, executions: [], ...over,
});

const embedLength = (e: ReturnType<typeof runEmbed>) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

describe('run message', () => {
  it('shows workflow, target, params, requester, status, the change to approve and the web link', () => {
    const e = runEmbed(view());
    expect(e.title).toBe('Run #12 · add-loopback');
    expect(e.url).toBe('https://netops.example.com/runs/12');
    expect(e.description).toContain('Waiting for approval');
    expect(e.description).toContain('<t:1893456000:R>');
    const fields = Object.fromEntries((e.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Target: '`lab-ios-1`', Params: '`number=100`', 'Requested by': 'alice' });
    expect(fields['Changes to approve']).toContain('interface Loopback100');
    expect(fields.Details).toBe('[Open run #12](https://netops.example.com/runs/12)');
  });

  it('has live Approve/Reject buttons while pending, disabled ones saying who decided afterwards, none without approval', () => {
    const id = view().id;
    expect(runButtons(view())[0]?.components).toEqual([
      { type: 2, style: 3, custom_id: `netops:approve:${id}`, label: 'Approve', disabled: false },
      { type: 2, style: 4, custom_id: `netops:reject:${id}`, label: 'Reject', disabled: false },
    ]);
    const approved = runButtons(view({ status: 'running', decidedBy: 'bob' }))[0]?.components ?? [];
    expect(approved.map((b) => [b.label, b.disabled])).toEqual([['Approved by bob', true], ['Reject', true]]);
    const rejected = runButtons(view({ status: 'rejected', decidedBy: 'bob' }))[0]?.components ?? [];
    expect(rejected.map((b) => [b.label, b.disabled])).toEqual([['Approve', true], ['Rejected by bob', true]]);
    expect(runButtons(view({ status: 'expired' }))[0]?.components.map((b) => b.label)).toEqual(['Approval expired', 'Reject']);
    expect(runButtons(view({ status: 'queued', expiresAt: null }))).toEqual([]);
    for (const b of approved) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('stays within Discord limits with a huge target, params, comment and error', () => {
    const huge = 'x'.repeat(5000);
    const e = runEmbed(view({
      target: huge, params: { a: huge, b: huge }, requester: huge, decidedBy: huge, decisionComment: huge, error: huge, final: true,
      status: 'failed', implementation: [huge, huge], progress: { total: 500, done: 500, failed: 3, running: 0, waiting: 0 },
    }));
    expect(embedLength(e)).toBeLessThanOrEqual(6000);
    expect(e.title?.length).toBeLessThanOrEqual(256);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(e.fields?.find((f) => f.name === 'Progress')?.value).toBe('500/500 done · 3 failed');
  });

  it('never lets a backtick in a value break out of inline code', () => {
    const fields = runEmbed(view({ target: 'a`b', params: { x: 'y`z' } })).fields ?? [];
    expect(fields.find((f) => f.name === 'Target')?.value).toBe('`a b`');
    expect(fields.find((f) => f.name === 'Params')?.value).toBe('`x=y z`');
  });
});
