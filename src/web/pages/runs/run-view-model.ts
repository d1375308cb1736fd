import { createHash } from 'node:crypto';
import { hasRole } from '../../../core/approvals/roles.ts';
import type { UserRecord } from '../../../core/ports/user-repository.ts';
import type { CommandResultRecord, ExecutionDetail, RunDetail, RunRecord } from '../../../core/runs/run-records.ts';
import { isFinalRunStatus, STAGES } from '../../../core/runs/run-status.ts';
import { diffLines } from '../../render/diff-lines.ts';
import { elapsedMs } from '../../render/format.ts';
import { badgeTone } from '../../render/status-badge.ts';

const STAGE_LABELS: Record<string, string> = { pre_check: 'Pre-check', implementation: 'Implementation', post_check: 'Post-check', rollback: 'Rollback' };
const CANCELLABLE = new Set(['pending_approval', 'approved', 'queued', 'running']);

/** What this user may do with the run now (the use cases check again; this only decides which buttons show). */
export function runPermissions(run: RunRecord, user: UserRecord, allowSelfApproval: boolean) {
  const pending = run.status === 'pending_approval';
  const approver = hasRole(user.role, 'approver');
  const ownRun = run.requesterName === user.name;
  return {
    decide: pending && approver && (allowSelfApproval || !ownRun),
    /** Shown instead of the buttons, so an approver knows why they are missing. */
    selfApprovalBlocked: pending && approver && ownRun && !allowSelfApproval,
    cancel: CANCELLABLE.has(run.status) && (ownRun || approver),
  };
}

function stageStatus(commands: CommandResultRecord[]): string {
  if (commands.every((c) => c.verdict === 'skipped')) return 'skipped';
  return commands.every((c) => c.verdict === 'passed' || c.verdict === 'skipped') ? 'passed' : 'failed';
}

function executionView(e: ExecutionDetail) {
  const stages = STAGES.map((stage) => ({ stage, commands: e.commandResults.filter((c) => c.stage === stage) }))
    .filter((s) => s.commands.length > 0)
    .map((s) => ({
      stage: s.stage, label: STAGE_LABELS[s.stage] ?? s.stage, status: stageStatus(s.commands),
      commands: s.commands.map((c) => ({
        seq: c.seq, mode: c.mode, command: c.command, output: c.output, durationMs: c.durationMs, verdict: c.verdict,
        reason: c.reason, errorMarker: c.errorMarker, open: c.verdict === 'failed' || c.verdict === 'error',
      })),
    }));
  return {
    id: e.id, deviceName: e.deviceName, status: e.status, tone: badgeTone(e.status), currentStage: e.currentStage,
    currentStageLabel: e.currentStage ? STAGE_LABELS[e.currentStage] : null, lastCommand: e.lastCommand,
    errorCode: e.errorCode, error: e.error, startedAt: e.startedAt, finishedAt: e.finishedAt, durationMs: elapsedMs(e.startedAt, e.finishedAt),
    attempt: e.attempt, stages, diff: e.diff, diffLines: diffLines(e.diff),
  };
}

/**
 * A fingerprint of everything the live partial shows. The polling request carries it; when nothing
 * changed the server answers 204 and htmx keeps the DOM (and what the reader has expanded) as it is.
 */
export function runVersion(run: RunDetail, user: UserRecord, snapshots = ''): string {
  const parts = [run.status, run.decidedByName, run.error, user.role, snapshots, ...run.executions.flatMap((e) => [e.status, e.currentStage, e.commandResults.length, e.diff?.length ?? 0])];
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

export type RunTab = 'executions' | 'diff';

/**
 * The run page's model. `diffCount` (devices whose config changed) and `snapshots` (a key of the stored
 * snapshots, so a poll notices a new one) come from the loader when diffs were not computed.
 */
export function runDetailView(run: RunDetail, user: UserRecord, opts: { allowSelfApproval: boolean; tab: RunTab; diffCount?: number; snapshots?: string }) {
  const executions = run.executions.map(executionView);
  const diffs = executions.filter((e) => e.diff);
  return {
    run: {
      ...run, final: isFinalRunStatus(run.status), durationMs: elapsedMs(run.startedAt, run.finishedAt),
      params: Object.entries(run.params).map(([name, value]) => ({ name, value: String(value) })),
    },
    executions,
    diffs,
    diffCount: opts.diffCount ?? diffs.length,
    can: runPermissions(run, user, opts.allowSelfApproval),
    version: runVersion(run, user, opts.snapshots),
    tab: opts.tab,
  };
}
