import type { CommandResultRecord, ExecutionDetail, RunDetail, RunRecord } from './run-records.ts';
import { STAGES, type Stage } from './run-status.ts';

/** The run as JSON for the REST API and `netops run --json`: top-level id and status first. */
export function presentRun(run: RunRecord, baseUrl: string) {
  return {
    id: run.id,
    status: run.status,
    number: run.number,
    workflow: run.workflowName,
    workflowVersion: run.workflowVersion,
    target: run.target,
    params: run.params,
    dryRun: run.dryRun,
    source: run.source,
    requester: run.requesterName,
    approval: run.decidedByName || run.expiresAt
      ? { decidedBy: run.decidedByName, decidedAt: run.decidedAt?.toISOString() ?? null, comment: run.decisionComment, expiresAt: run.expiresAt?.toISOString() ?? null }
      : null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    url: `${baseUrl}/runs/${run.number}`,
  };
}

function presentCommand(c: CommandResultRecord) {
  return { seq: c.seq, mode: c.mode, command: c.command, output: c.output, durationMs: c.durationMs, verdict: c.verdict, reason: c.reason, errorMarker: c.errorMarker };
}

/** A stage passed when every command passed; skipped when all were skipped (dry run). */
function stageStatus(commands: CommandResultRecord[]): 'passed' | 'failed' | 'skipped' {
  if (commands.every((c) => c.verdict === 'skipped')) return 'skipped';
  return commands.every((c) => c.verdict === 'passed' || c.verdict === 'skipped') ? 'passed' : 'failed';
}

export function presentExecution(e: ExecutionDetail) {
  const stages = STAGES.map((stage: Stage) => ({ stage, commands: e.commandResults.filter((c) => c.stage === stage) }))
    .filter((s) => s.commands.length > 0)
    .map((s) => ({ stage: s.stage, status: stageStatus(s.commands), commands: s.commands.map(presentCommand) }));
  return {
    id: e.id, device: e.deviceName, status: e.status, currentStage: e.currentStage, errorCode: e.errorCode, error: e.error,
    waitingForRunId: e.waitingForRunId, startedAt: e.startedAt?.toISOString() ?? null, finishedAt: e.finishedAt?.toISOString() ?? null,
    stages, diff: e.diff,
  };
}

export function presentRunDetail(run: RunDetail, baseUrl: string) {
  return { ...presentRun(run, baseUrl), executions: run.executions.map(presentExecution) };
}
