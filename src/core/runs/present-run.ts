import type { CommandResultRecord, ExecutionDetail, RunDetail, RunRecord } from './run-records.ts';
import { STAGES, type Stage } from './run-status.ts';

/** The run as JSON for the REST API and `netops run --json` (snake_case like the rest of the API): id and status first. */
export function presentRun(run: RunRecord, baseUrl: string) {
  return {
    id: run.id,
    status: run.status,
    number: run.number,
    workflow: run.workflowName,
    workflow_version: run.workflowVersion,
    target: run.target,
    params: run.params,
    dry_run: run.dryRun,
    source: run.source,
    requester: run.requesterName,
    approval: run.decidedByName || run.expiresAt
      ? { decided_by: run.decidedByName, decided_at: run.decidedAt?.toISOString() ?? null, comment: run.decisionComment, expires_at: run.expiresAt?.toISOString() ?? null }
      : null,
    error: run.error,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_ms: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    url: `${baseUrl}/runs/${run.number}`,
  };
}

function presentCommand(c: CommandResultRecord) {
  return { seq: c.seq, mode: c.mode, command: c.command, output: c.output, duration_ms: c.durationMs, verdict: c.verdict, reason: c.reason, error_marker: c.errorMarker };
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
    id: e.id, device: e.deviceName, status: e.status, current_stage: e.currentStage, error_code: e.errorCode, error: e.error,
    waiting_for_run_id: e.waitingForRunId, started_at: e.startedAt?.toISOString() ?? null, finished_at: e.finishedAt?.toISOString() ?? null,
    stages, diff: e.diff,
  };
}

export function presentRunDetail(run: RunDetail, baseUrl: string) {
  return { ...presentRun(run, baseUrl), executions: run.executions.map(presentExecution) };
}
