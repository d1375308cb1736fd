import type { ExecutionStatus, RunStatus, Stage } from './run-status.ts';

/** Events the core emits; notifiers (chat threads, webhooks, live web) subscribe to them. */
export const RUN_EVENT_TYPES = [
  'run.requested', 'run.approved', 'run.rejected', 'run.expired', 'run.started', 'run.cancelled',
  'execution.started', 'execution.waiting', 'execution.stage_completed', 'execution.succeeded', 'execution.failed',
  'execution.rolled_back', 'execution.interrupted', 'run.completed', 'device.config_changed',
] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

export interface RunEvent {
  type: RunEventType;
  runId: string;
  runNumber: number;
  at: string;
  runStatus?: RunStatus;
  executionId?: string;
  deviceName?: string;
  executionStatus?: ExecutionStatus;
  stage?: Stage;
  /** Short human summary, e.g. "pre_check passed (2 commands)". */
  summary?: string;
  data?: Record<string, unknown>;
}
