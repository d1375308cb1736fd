import type { CommandResultRecord, ExecutionRecord, RunRecord, Verdict } from '../core/runs/run-records.ts';
import type { ExecutionStatus, RunSource, RunStatus, Stage } from '../core/runs/run-status.ts';

/** Row shapes as Prisma returns them (only the fields the mappers read). */
export interface RunRow {
  id: string; number: number; workflowId: string; workflowVersionId: string; target: string; params: string;
  dryRun: boolean; status: string; source: string; requesterId: string | null; requesterName: string;
  decidedAt: Date | null; decidedByName: string | null; decisionComment: string | null; expiresAt: Date | null; chatPlatform: string | null;
  chatChannelId: string | null; chatMessageId: string | null; chatThreadId: string | null; error: string | null;
  createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
  workflow: { name: string }; workflowVersion: { version: number }; decidedBy: { name: string } | null;
}

export const RUN_INCLUDE = {
  workflow: { select: { name: true } },
  workflowVersion: { select: { version: true } },
  decidedBy: { select: { name: true } },
} as const;

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id, number: row.number, workflowId: row.workflowId, workflowName: row.workflow.name,
    workflowVersion: row.workflowVersion.version, workflowVersionId: row.workflowVersionId, target: row.target,
    params: JSON.parse(row.params) as RunRecord['params'], dryRun: row.dryRun, status: row.status as RunStatus,
    source: row.source as RunSource, requesterId: row.requesterId, requesterName: row.requesterName,
    decidedByName: row.decidedByName ?? row.decidedBy?.name ?? null, decidedAt: row.decidedAt, decisionComment: row.decisionComment,
    expiresAt: row.expiresAt,
    chat: row.chatPlatform && row.chatChannelId
      ? { platform: row.chatPlatform as 'slack' | 'discord', channelId: row.chatChannelId, messageId: row.chatMessageId, threadId: row.chatThreadId }
      : null,
    error: row.error, createdAt: row.createdAt, startedAt: row.startedAt, finishedAt: row.finishedAt,
  };
}

export interface ExecutionRow {
  id: string; runId: string; deviceId: string | null; deviceName: string; status: string; currentStage: string | null;
  changeStartedAt: Date | null; lastCommand: string | null; errorCode: string | null; error: string | null;
  waitingForRunId: string | null; attempt: number; createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
}

export function toExecutionRecord(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id, runId: row.runId, deviceId: row.deviceId, deviceName: row.deviceName, status: row.status as ExecutionStatus,
    currentStage: row.currentStage as Stage | null, changeStartedAt: row.changeStartedAt, lastCommand: row.lastCommand,
    errorCode: row.errorCode, error: row.error, waitingForRunId: row.waitingForRunId, attempt: row.attempt,
    createdAt: row.createdAt, startedAt: row.startedAt, finishedAt: row.finishedAt,
  };
}

export interface CommandResultRow {
  id: string; executionId: string; stage: string; seq: number; mode: string; command: string; output: string;
  durationMs: number; verdict: string; reason: string | null; errorMarker: string | null; createdAt: Date;
}

export function toCommandResultRecord(row: CommandResultRow): CommandResultRecord {
  return {
    id: row.id, executionId: row.executionId, stage: row.stage as Stage, seq: row.seq, mode: row.mode as 'exec' | 'config',
    command: row.command, output: row.output, durationMs: row.durationMs, verdict: row.verdict as Verdict,
    reason: row.reason, errorMarker: row.errorMarker, createdAt: row.createdAt,
  };
}
