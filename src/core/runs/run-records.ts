import type { ExecutionStatus, RunSource, RunStatus, Stage } from './run-status.ts';

/** A run as use cases and renderers see it (repositories map rows to this). */
export interface RunRecord {
  id: string;
  number: number;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  workflowVersionId: string;
  target: string;
  params: Record<string, string | number | boolean>;
  dryRun: boolean;
  status: RunStatus;
  source: RunSource;
  requesterId: string | null;
  requesterName: string;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  expiresAt: Date | null;
  chat: ChatThreadRef | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Where the run's parent message lives in chat, so notifiers can thread replies under it. */
export interface ChatThreadRef {
  platform: 'slack' | 'discord';
  channelId: string;
  messageId: string | null;
  threadId: string | null;
}

export interface ExecutionRecord {
  id: string;
  runId: string;
  /** Null once the device was deleted; deviceName keeps the history readable. */
  deviceId: string | null;
  deviceName: string;
  status: ExecutionStatus;
  currentStage: Stage | null;
  changeStartedAt: Date | null;
  lastCommand: string | null;
  errorCode: string | null;
  error: string | null;
  waitingForRunId: string | null;
  attempt: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type Verdict = 'passed' | 'failed' | 'error' | 'skipped';

export interface CommandResultRecord {
  id: string;
  executionId: string;
  stage: Stage;
  seq: number;
  mode: 'exec' | 'config';
  command: string;
  output: string;
  durationMs: number;
  verdict: Verdict;
  reason: string | null;
  errorMarker: string | null;
  createdAt: Date;
}

export interface ExecutionDetail extends ExecutionRecord {
  commandResults: CommandResultRecord[];
  diff: string | null;
}

export interface RunDetail extends RunRecord {
  executions: ExecutionDetail[];
}
