import type { RunDetail, RunRecord } from '../runs/run-records.ts';
import { isFinalRunStatus, type RunStatus } from '../runs/run-status.ts';

/** A run as chat renderers need it: plain data, formatted by Block Kit or embeds. */
export interface RunView {
  id: string;
  number: number;
  workflow: string;
  target: string;
  params: Record<string, string | number | boolean>;
  dryRun: boolean;
  status: RunStatus;
  final: boolean;
  requester: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  expiresAt: Date | null;
  url: string;
  durationMs: number | null;
  error: string | null;
  /** Implementation commands per the approval request: what the approver agrees to. */
  implementation: string[];
  progress: { total: number; done: number; failed: number; running: number; waiting: number } | null;
  executions: { device: string; status: string; stage: string | null; error: string | null }[];
}

/** `implementation`: the preview of the commands (previewImplementation), shown while approval matters. */
export function toRunView(run: RunRecord | RunDetail, baseUrl: string, implementation?: string[] | null): RunView {
  const executions = 'executions' in run ? run.executions : [];
  const done = executions.filter((e) => e.finishedAt !== null);
  return {
    id: run.id, number: run.number, workflow: run.workflowName, target: run.target, params: run.params, dryRun: run.dryRun,
    status: run.status, final: isFinalRunStatus(run.status), requester: run.requesterName, decidedBy: run.decidedByName,
    decidedAt: run.decidedAt, decisionComment: run.decisionComment, expiresAt: run.expiresAt,
    url: `${baseUrl}/runs/${run.number}`,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    error: run.error,
    implementation: implementation ?? [],
    progress: executions.length
      ? {
          total: executions.length, done: done.length,
          failed: done.filter((e) => e.status !== 'succeeded').length,
          running: executions.filter((e) => e.status === 'running').length,
          waiting: executions.filter((e) => e.status === 'waiting_for_device').length,
        }
      : null,
    executions: executions.map((e) => ({ device: e.deviceName, status: e.status, stage: e.currentStage, error: e.error })),
  };
}
