import { describe, expect, it } from 'vitest';
import { stagePost, failedDevicePost } from '../../../../src/chat/discord/stage-post.ts';
import { stageSummaryPost } from '../../../../src/chat/discord/summary-posts.ts';
import type { CommandResultRecord, ExecutionDetail, RunDetail } from '../../../../src/core/runs/run-records.ts';

let seq = 0;
const result = (over: Partial<CommandResultRecord>): CommandResultRecord => ({
  id: `r${++seq}`, executionId: 'e1', stage: 'pre_check', seq, mode: 'exec', command: 'show clock', output: '12:00:00 UTC', durationMs: 12,
  verdict: 'passed', reason: null, errorMarker: null, createdAt: new Date(1_700_000_000_000 + seq), ...over,
});
const execution = (name: string, results: CommandResultRecord[], over: Partial<ExecutionDetail> = {}): ExecutionDetail => ({
  id: `e-${name}`, runId: 'r', deviceId: `d-${name}`, deviceName: name, status: 'succeeded', currentStage: null, changeStartedAt: null, lastCommand: null,
  errorCode: null, error: null, waitingForRunId: null, attempt: 1, createdAt: new Date(), startedAt: new Date(), finishedAt: new Date(), commandResults: results, diff: null, ...over,
});
const run = (executions: ExecutionDetail[]): RunDetail => ({
  id: 'r', number: 7, workflowId: 'w', workflowName: 'show-version', workflowVersion: 1, workflowVersionId: 'v', target: 'tag:lab', params: {}, dryRun: false,
  status: 'running', source: 'discord', requesterId: null, requesterName: 'alice', decidedByName: null, decidedAt: null, decisionComment: null, expiresAt: null,
  chat: null, error: null, createdAt: new Date(), startedAt: new Date(), finishedAt: null, executions,
});
const URL_ = 'https://netops.example.com/runs/7';

describe('stage posts', () => {
  it('shows each command of the stage with its verdict and output', () => {
    const e = execution('sw1', [result({ command: 'show clock' }), result({ stage: 'implementation', command: 'show version', output: 'Cisco IOS Software' })]);
    const msg = stagePost(run([e]), e, 'pre_check', URL_);
    expect(msg.files).toBeUndefined();
    const embed = msg.embeds?.[0];
    expect(embed?.title).toBe('✅ pre_check passed · sw1');
    expect(embed?.description).toContain('`show clock` · passed · 12 ms');
    expect(embed?.description).toContain('12:00:00 UTC');
    expect(embed?.description).not.toContain('Cisco IOS');
    expect(embed?.description).toContain(`[Open the run](${URL_})`);
  });

  it('puts long output in an attached file and keeps the embed within 4,096 characters', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const e = execution('sw1', [result({ command: 'show run', output: big }), result({ command: 'show ver', output: 'short', verdict: 'failed', reason: 'expected "x"' })]);
    const msg = stagePost(run([e]), e, 'pre_check', URL_);
    const embed = msg.embeds?.[0];
    expect(embed?.title).toBe('❌ pre_check failed · sw1');
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.description).toContain('Full output attached');
    expect(embed?.description).toContain('expected "x"');
    expect(msg.files?.[0]?.name).toBe('run-7-sw1-pre_check.txt');
    expect(msg.files?.[0]?.data.toString()).toContain('line 1999');
  });

  it('cannot be closed early by a code fence in device output', () => {
    const e = execution('sw1', [result({ output: 'before\n```\n@everyone after' })]);
    const text = stagePost(run([e]), e, 'pre_check', URL_).embeds?.[0]?.description ?? '';
    expect(text.match(/```/g)?.length).toBe(2);
  });

  it('summarises a fan-out stage and details a failed device', () => {
    const ok = execution('sw1', [result({ executionId: 'e-sw1' })]);
    const bad = execution('sw2', [result({ executionId: 'e-sw2', verdict: 'failed', reason: 'no match' })], { status: 'failed', error: 'pre_check failed: no match; nothing was changed' });
    const summary = stageSummaryPost(run([ok, bad]), 'pre_check', URL_);
    expect(summary?.embeds?.[0]?.title).toBe('❌ pre_check · 2 devices: 1 passed, 1 failed');
    expect(summary?.embeds?.[0]?.description).toContain('**Failed (1)**: sw2');
    expect(stageSummaryPost(run([ok, bad]), 'post_check', URL_)).toBeNull();
    const failed = failedDevicePost(run([ok, bad]), bad, URL_);
    expect(failed.embeds?.[0]?.title).toBe('❌ sw2: failed');
    expect(failed.embeds?.[0]?.description).toContain('nothing was changed');
    expect(failed.embeds?.[0]?.description).toContain('Failed in pre_check');
  });
});
