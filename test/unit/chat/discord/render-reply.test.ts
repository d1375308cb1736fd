import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../../src/chat/discord/render-reply.ts';
import type { RunView } from '../../../../src/core/chat/run-view.ts';

const run: RunView = {
  id: '0b5c9a52-3f0e-4e43-9a53-6a8e3c1f2d10', number: 3, workflow: 'add-vlan', target: 'sw1,sw2', params: {}, dryRun: false, status: 'succeeded', final: true,
  requester: 'alice', decidedBy: null, decidedAt: null, decisionComment: null, expiresAt: null, url: 'https://netops.example.com/runs/3', durationMs: 1500,
  error: null, implementation: [], progress: null, executions: [],
};

describe('renderReply', () => {
  it('shows an error with the Discord usage, within 2,000 characters', () => {
    const msg = renderReply({ kind: 'error', visibility: 'ephemeral', code: 'COMMAND_PARSE_FAILED', message: 'x'.repeat(3000), usage: '/netops status run:<id>' });
    expect(msg.content?.length).toBeLessThanOrEqual(2000);
    expect(renderReply({ kind: 'error', visibility: 'ephemeral', code: 'X', message: 'No run #9.', usage: '/netops status run:<id>' }).content).toBe('❌ No run #9.\nUsage: `/netops status run:<id>`');
  });

  it('lists up to 4,096 characters and says how many more there are', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ name: `sw${i}`, detail: 'd'.repeat(300) }));
    const embed = renderReply({ kind: 'list', visibility: 'ephemeral', title: 'Devices (40)', items, more: 15 }).embeds?.[0];
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.footer?.text).toBe('and 15 more');
  });

  it('shows a short diff inline and attaches a long one', () => {
    const short = renderReply({ kind: 'diff', visibility: 'ephemeral', run, diffs: [{ device: 'sw1', diff: '+vlan 120' }, { device: 'sw2', diff: null }] });
    expect(short.files).toBeUndefined();
    expect(short.embeds?.[0]?.description).toContain('```diff\n+vlan 120\n```');
    expect(short.embeds?.[0]?.description).toContain('No config change recorded.');
    const big = '+'.concat('x'.repeat(80), '\n').repeat(200);
    const long = renderReply({ kind: 'diff', visibility: 'ephemeral', run, diffs: [{ device: 'sw1', diff: big }] });
    expect(long.files?.[0]?.name).toBe('run-3-diff.txt');
    expect(long.files?.[0]?.data.toString()).toContain(big.trim());
    expect(long.embeds?.[0]?.description?.length).toBeLessThanOrEqual(4096);
  });
});
