import { describe, expect, it } from 'vitest';
import { readyStageSummaries } from '../../../../src/chat/slack/stage-summaries.ts';
import type { CommandResultRecord, ExecutionDetail, RunDetail } from '../../../../src/core/runs/run-records.ts';
import type { ExecutionStatus, Stage } from '../../../../src/core/runs/run-status.ts';

const cmd = (stage: Stage, verdict: CommandResultRecord['verdict'] = 'passed') => ({ stage, verdict }) as CommandResultRecord;
const exec = (name: string, status: ExecutionStatus, currentStage: Stage | null, results: CommandResultRecord[]) =>
  ({ id: name, deviceName: name, status, currentStage, commandResults: results }) as unknown as ExecutionDetail;
const run = (executions: ExecutionDetail[]) => ({ executions }) as RunDetail;

describe('readyStageSummaries', () => {
  it('waits until every device is past a stage', () => {
    const r = run([exec('a', 'running', 'implementation', [cmd('pre_check')]), exec('b', 'running', 'pre_check', [])]);
    expect(readyStageSummaries(r)).toEqual([]);
  });

  it('counts passed and failed devices among those that ran the stage', () => {
    const r = run([
      exec('a', 'running', 'post_check', [cmd('pre_check'), cmd('implementation')]),
      exec('b', 'failed', null, [cmd('pre_check', 'failed')]),
      exec('c', 'failed', null, []),
    ]);
    expect(readyStageSummaries(r)).toEqual([{ stage: 'pre_check', passed: ['a'], failed: ['b'] }, { stage: 'implementation', passed: ['a'], failed: [] }]);
  });
});
