import { describe, expect, it } from 'vitest';
import {
  aggregateRunOutcome, canTransitionExecution, canTransitionRun, EXECUTION_STATUSES, EXECUTION_TRANSITIONS,
  FINAL_EXECUTION_STATUSES, FINAL_RUN_STATUSES, isFinalExecutionStatus, isFinalRunStatus, RUN_STATUSES, RUN_TRANSITIONS, STAGES,
} from '../../../../src/core/runs/run-status.ts';

describe('run states', () => {
  it('follow the approval path of ARCHITECTURE.md', () => {
    expect(canTransitionRun('pending_approval', 'approved')).toBe(true);
    expect(canTransitionRun('pending_approval', 'rejected')).toBe(true);
    expect(canTransitionRun('pending_approval', 'expired')).toBe(true);
    expect(canTransitionRun('approved', 'queued')).toBe(true);
    expect(canTransitionRun('queued', 'running')).toBe(true);
    for (const end of ['succeeded', 'failed', 'partially_failed', 'cancelled'] as const) expect(canTransitionRun('running', end)).toBe(true);
  });

  it('refuse skipping approval or running a rejected, expired or finished run', () => {
    expect(canTransitionRun('pending_approval', 'queued')).toBe(false);
    expect(canTransitionRun('pending_approval', 'running')).toBe(false);
    expect(canTransitionRun('rejected', 'approved')).toBe(false);
    expect(canTransitionRun('expired', 'approved')).toBe(false);
    expect(canTransitionRun('succeeded', 'running')).toBe(false);
    expect(canTransitionRun('approved', 'approved')).toBe(false);
  });

  it('mark exactly the states without exits as final', () => {
    expect([...FINAL_RUN_STATUSES].sort()).toEqual(['cancelled', 'expired', 'failed', 'partially_failed', 'rejected', 'succeeded']);
    expect(isFinalRunStatus('running')).toBe(false);
    expect(isFinalRunStatus('pending_approval')).toBe(false);
    expect(isFinalRunStatus('rejected')).toBe(true);
  });

  it('only lead to known states', () => {
    for (const from of RUN_STATUSES) for (const to of RUN_TRANSITIONS[from]) expect(RUN_STATUSES).toContain(to);
  });
});

describe('execution states', () => {
  it('go through the device lock and end in the documented outcomes', () => {
    expect(canTransitionExecution('queued', 'waiting_for_device')).toBe(true);
    expect(canTransitionExecution('waiting_for_device', 'running')).toBe(true);
    for (const end of ['succeeded', 'failed', 'rolled_back', 'rollback_failed', 'cancelled', 'interrupted'] as const) {
      expect(canTransitionExecution('running', end)).toBe(true);
    }
  });

  it('never leave a final state: an interrupted change waits for a human', () => {
    expect(canTransitionExecution('interrupted', 'running')).toBe(false);
    expect(canTransitionExecution('interrupted', 'queued')).toBe(false);
    expect(canTransitionExecution('rolled_back', 'running')).toBe(false);
    expect([...FINAL_EXECUTION_STATUSES].sort()).toEqual(['cancelled', 'failed', 'interrupted', 'rollback_failed', 'rolled_back', 'succeeded']);
    expect(isFinalExecutionStatus('waiting_for_device')).toBe(false);
    expect(isFinalExecutionStatus('rollback_failed')).toBe(true);
  });

  it('only lead to known states', () => {
    for (const from of EXECUTION_STATUSES) for (const to of EXECUTION_TRANSITIONS[from]) expect(EXECUTION_STATUSES).toContain(to);
  });

  it('list the stages in run order', () => {
    expect(STAGES).toEqual(['pre_check', 'implementation', 'post_check', 'rollback']);
  });
});

describe('aggregateRunOutcome', () => {
  it('is succeeded only when every execution succeeded', () => {
    expect(aggregateRunOutcome(['succeeded', 'succeeded'])).toBe('succeeded');
  });

  it('is partially_failed when some but not all succeeded', () => {
    expect(aggregateRunOutcome(['succeeded', 'rolled_back'])).toBe('partially_failed');
    expect(aggregateRunOutcome(['succeeded', 'cancelled'])).toBe('partially_failed');
  });

  it('is failed when none succeeded, or there was nothing to run', () => {
    expect(aggregateRunOutcome(['failed', 'rollback_failed'])).toBe('failed');
    expect(aggregateRunOutcome(['interrupted'])).toBe('failed');
    expect(aggregateRunOutcome([])).toBe('failed');
  });

  it('is cancelled when every execution was cancelled', () => {
    expect(aggregateRunOutcome(['cancelled', 'cancelled'])).toBe('cancelled');
  });
});
