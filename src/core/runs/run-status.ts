/** Run and execution states from ARCHITECTURE.md, with the transitions each may take. */
export const RUN_STATUSES = [
  'pending_approval', 'approved', 'rejected', 'expired',
  'queued', 'running', 'succeeded', 'failed', 'partially_failed', 'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const EXECUTION_STATUSES = [
  'queued', 'waiting_for_device', 'running', 'succeeded', 'failed',
  'rolled_back', 'rollback_failed', 'cancelled', 'interrupted',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const STAGES = ['pre_check', 'implementation', 'post_check', 'rollback'] as const;
export type Stage = (typeof STAGES)[number];

export const RUN_SOURCES = ['slack', 'discord', 'web', 'api', 'cli', 'schedule'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending_approval: ['approved', 'rejected', 'expired', 'cancelled'],
  approved: ['queued', 'cancelled'],
  rejected: [],
  expired: [],
  queued: ['running', 'cancelled', 'failed'],
  running: ['succeeded', 'failed', 'partially_failed', 'cancelled'],
  succeeded: [],
  failed: [],
  partially_failed: [],
  cancelled: [],
};

export const EXECUTION_TRANSITIONS: Readonly<Record<ExecutionStatus, readonly ExecutionStatus[]>> = {
  queued: ['waiting_for_device', 'running', 'cancelled', 'failed', 'interrupted'],
  waiting_for_device: ['running', 'cancelled', 'failed', 'queued'],
  running: ['succeeded', 'failed', 'rolled_back', 'rollback_failed', 'cancelled', 'interrupted', 'queued'],
  succeeded: [],
  failed: [],
  rolled_back: [],
  rollback_failed: [],
  cancelled: [],
  interrupted: [],
};

export const FINAL_RUN_STATUSES: readonly RunStatus[] = RUN_STATUSES.filter((s) => RUN_TRANSITIONS[s].length === 0);
export const FINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = EXECUTION_STATUSES.filter(
  (s) => EXECUTION_TRANSITIONS[s].length === 0,
);

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

export function canTransitionExecution(from: ExecutionStatus, to: ExecutionStatus): boolean {
  return EXECUTION_TRANSITIONS[from].includes(to);
}

export function isFinalRunStatus(s: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(s);
}

export function isFinalExecutionStatus(s: ExecutionStatus): boolean {
  return FINAL_EXECUTION_STATUSES.includes(s);
}

/** The run's outcome from its executions' final states (fan-out aggregation). */
export function aggregateRunOutcome(executions: readonly ExecutionStatus[]): 'succeeded' | 'failed' | 'partially_failed' | 'cancelled' {
  if (executions.length === 0) return 'failed';
  const ok = executions.filter((s) => s === 'succeeded').length;
  if (ok === executions.length) return 'succeeded';
  if (executions.every((s) => s === 'cancelled')) return 'cancelled';
  return ok > 0 ? 'partially_failed' : 'failed';
}
