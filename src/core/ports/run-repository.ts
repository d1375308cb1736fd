import type {
  ChatThreadRef, CommandResultRecord, ExecutionDetail, ExecutionRecord, RunDetail, RunRecord, Verdict,
} from '../runs/run-records.ts';
import type { ExecutionStatus, RunSource, RunStatus, Stage } from '../runs/run-status.ts';

export interface NewRun {
  workflowId: string;
  workflowVersionId: string;
  target: string;
  params: Record<string, string | number | boolean>;
  dryRun: boolean;
  status: RunStatus;
  source: RunSource;
  requesterId: string | null;
  requesterName: string;
  expiresAt: Date | null;
  chat: ChatThreadRef | null;
  scheduleId: string | null;
  idempotencyKey: string | null;
  devices: { id: string; name: string }[];
}

export type { RunRef } from '../commands/run-ref.ts';
import type { RunRef } from '../commands/run-ref.ts';

export interface RunFilter {
  status?: RunStatus | undefined;
  workflow?: string | undefined;
  device?: string | undefined;
  requester?: string | undefined;
  source?: RunSource | undefined;
  /** Runs created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Runs created strictly before this instant. */
  createdBefore?: Date | undefined;
}

export type RunPatch = Partial<Pick<RunRecord, 'startedAt' | 'finishedAt' | 'error' | 'decidedAt' | 'decisionComment' | 'decidedByName'>> & {
  decidedById?: string | null;
};

export type ExecutionPatch = Partial<
  Pick<ExecutionRecord, 'currentStage' | 'changeStartedAt' | 'lastCommand' | 'errorCode' | 'error' | 'waitingForRunId' | 'startedAt' | 'finishedAt' | 'attempt'>
> & { workerId?: string | null };

export interface NewCommandResult {
  executionId: string;
  stage: Stage;
  mode: 'exec' | 'config';
  command: string;
  output: string;
  durationMs: number;
  verdict: Verdict;
  check: unknown;
  reason: string | null;
  errorMarker: string | null;
}

/**
 * Runs, executions, command results and snapshots. Every status change is ONE conditional update
 * (`WHERE status IN from`): it returns false when another actor moved the row first.
 */
export interface RunRepository {
  create(run: NewRun): Promise<RunRecord>;
  findByIdempotencyKey(key: string): Promise<RunRecord | null>;
  get(ref: RunRef): Promise<RunRecord | null>;
  /** The run's status alone: a cheap read for checks between commands and per-device settling. */
  runStatus(id: string): Promise<RunStatus | null>;
  detail(ref: RunRef): Promise<RunDetail | null>;
  list(filter: RunFilter, page: { page: number; perPage: number }): Promise<{ items: RunRecord[]; total: number }>;
  /** At most `take` runs in one of `statuses`, by creation time (oldest first with 'asc'). */
  runsInStatus(statuses: readonly RunStatus[], order: 'asc' | 'desc', take: number): Promise<RunRecord[]>;
  /** How many runs were created in [from, before), per status: one grouped count. */
  runStatusCounts(from: Date, before: Date): Promise<Partial<Record<RunStatus, number>>>;
  transitionRun(id: string, from: readonly RunStatus[], to: RunStatus, patch?: RunPatch): Promise<boolean>;
  setChatThread(id: string, chat: ChatThreadRef): Promise<void>;

  execution(id: string): Promise<ExecutionRecord | null>;
  /** Executions not yet final, of runs that are running (for the start-up reconciler). */
  unfinishedExecutions(): Promise<ExecutionRecord[]>;
  /** Executions waiting for this device, oldest first. */
  waitingForDevice(deviceId: string): Promise<string[]>;
  /** Ids of runs in the given states, oldest first. */
  runIdsInStatus(statuses: readonly RunStatus[]): Promise<string[]>;
  executions(runId: string): Promise<ExecutionRecord[]>;
  /** How many executions of the run are in each state: settling a fan-out reads counts, not every row. */
  executionStatusCounts(runId: string): Promise<Partial<Record<ExecutionStatus, number>>>;
  /** Ids of the run's queued executions in dispatch order (device name), at most `limit`. */
  queuedExecutionIds(runId: string, limit: number): Promise<string[]>;
  executionDetail(id: string): Promise<ExecutionDetail | null>;
  transitionExecution(id: string, from: readonly ExecutionStatus[], to: ExecutionStatus, patch?: ExecutionPatch): Promise<boolean>;
  /** Moves every not-yet-started execution of a run (default: queued, waiting_for_device) to `to`. */
  transitionExecutionsOfRun(runId: string, to: ExecutionStatus, from?: readonly ExecutionStatus[]): Promise<number>;
  /** Updates progress fields of an execution that is still `running`. */
  updateRunningExecution(id: string, patch: ExecutionPatch): Promise<void>;
  addCommandResult(result: NewCommandResult): Promise<CommandResultRecord>;
  /** Stores a config snapshot (content deduplicated by hash); returns the hash. */
  saveSnapshot(input: { deviceId: string; executionId: string | null; kind: 'before' | 'after' | 'manual'; content: string }): Promise<string>;
  snapshots(executionId: string): Promise<{ kind: string; content: string }[]>;
  /** The first `before` and last `after` snapshot of each of these executions, in one read. */
  beforeAfterSnapshots(executionIds: readonly string[]): Promise<Map<string, { before: string | null; after: string | null }>>;
}
