import { NetOpsError } from '../errors/index.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunQueue } from '../ports/run-queue.ts';
import type { RunRef, RunRepository } from '../ports/run-repository.ts';
import type { RunRecord } from '../runs/run-records.ts';
import { requireRole, type Role } from './roles.ts';

export interface ApprovalDeps {
  runs: RunRepository;
  queue: RunQueue;
  events: EventPublisher;
  allowSelfApproval: boolean;
  now?: () => Date;
}

export interface Decider {
  id: string | null;
  name: string;
  role: Role;
  /** Where the decision came from (web, api, cli, slack, discord), for the audit log. */
  source?: string | undefined;
}

async function loadPending(deps: ApprovalDeps, ref: RunRef, verb: string): Promise<RunRecord> {
  const run = await deps.runs.get(ref);
  if (!run) throw new NetOpsError('RUN_NOT_FOUND', `No run ${'number' in ref ? `#${ref.number}` : ref.id}.`, { field: 'run' });
  if (run.status !== 'pending_approval') {
    const who = run.decidedByName ? ` by ${run.decidedByName}` : '';
    throw new NetOpsError('INVALID_STATE', `Run #${run.number} is ${run.status}${who}; only a run pending approval can be ${verb}.`, {
      status: run.status,
    });
  }
  return run;
}

/** Approves a pending run. Fifty concurrent calls produce one transition: the others get INVALID_STATE. */
export async function approveRun(deps: ApprovalDeps, ref: RunRef, decider: Decider, comment?: string): Promise<RunRecord> {
  requireRole(decider, 'approver', 'approving a run');
  const run = await loadPending(deps, ref, 'approved');
  if (!deps.allowSelfApproval && run.requesterName === decider.name) {
    throw new NetOpsError('SELF_APPROVAL_FORBIDDEN', `You requested run #${run.number}; another approver must approve it (four-eyes rule).`);
  }
  const now = deps.now?.() ?? new Date();
  if (run.expiresAt && run.expiresAt <= now) {
    await expireApproval(deps, run.id);
    throw new NetOpsError('INVALID_STATE', `Run #${run.number} expired at ${run.expiresAt.toISOString()}; request it again.`, { status: 'expired' });
  }
  const patch = { decidedById: decider.id, decidedByName: decider.name, decidedAt: now, decisionComment: comment ?? null };
  if (!(await deps.runs.transitionRun(run.id, ['pending_approval'], 'approved', patch))) {
    return loadPending(deps, ref, 'approved'); // someone else decided first: throws with who and what
  }
  await deps.runs.transitionRun(run.id, ['approved'], 'queued');
  await deps.queue.enqueueRun(run.id);
  await deps.events.publish({
    type: 'run.approved', runId: run.id, runNumber: run.number, runStatus: 'queued', at: now.toISOString(),
    summary: `Approved by ${decider.name}${comment ? `: ${comment}` : ''}`, data: { by: decider.name, comment: comment ?? null, source: decider.source ?? null },
  });
  return (await deps.runs.get({ id: run.id })) ?? run;
}

export async function rejectRun(deps: ApprovalDeps, ref: RunRef, decider: Decider, reason?: string): Promise<RunRecord> {
  requireRole(decider, 'approver', 'rejecting a run');
  const run = await loadPending(deps, ref, 'rejected');
  const now = deps.now?.() ?? new Date();
  const patch = { decidedById: decider.id, decidedByName: decider.name, decidedAt: now, decisionComment: reason ?? null, finishedAt: now };
  if (!(await deps.runs.transitionRun(run.id, ['pending_approval'], 'rejected', patch))) return loadPending(deps, ref, 'rejected');
  await deps.runs.transitionExecutionsOfRun(run.id, 'cancelled');
  await deps.events.publish({
    type: 'run.rejected', runId: run.id, runNumber: run.number, runStatus: 'rejected', at: now.toISOString(),
    summary: `Rejected by ${decider.name}${reason ? `: ${reason}` : ''}`, data: { by: decider.name, reason: reason ?? null, source: decider.source ?? null },
  });
  return (await deps.runs.get({ id: run.id })) ?? run;
}

/** The approval TTL ran out (delayed job). A run decided meanwhile is left alone. */
export async function expireApproval(deps: Pick<ApprovalDeps, 'runs' | 'events' | 'now'>, runId: string): Promise<boolean> {
  const run = await deps.runs.get({ id: runId });
  if (!run || run.status !== 'pending_approval') return false;
  const now = deps.now?.() ?? new Date();
  if (!(await deps.runs.transitionRun(runId, ['pending_approval'], 'expired', { finishedAt: now }))) return false;
  await deps.runs.transitionExecutionsOfRun(runId, 'cancelled');
  await deps.events.publish({
    type: 'run.expired', runId, runNumber: run.number, runStatus: 'expired', at: now.toISOString(),
    summary: `Approval expired: nobody approved run #${run.number} in time`,
  });
  return true;
}
