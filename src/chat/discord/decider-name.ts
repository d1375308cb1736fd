import type { AuditLog } from '../../core/ports/audit-log.ts';
import type { RunEvent } from '../../core/runs/run-events.ts';
import type { RunRecord } from '../../core/runs/run-records.ts';

const DECISIONS = new Set(['run.approved', 'run.rejected']);

/**
 * Who approved or rejected a run. The run row names the decider only when they are a NetOps user; a
 * Discord member who is an approver by role has no user row, so the name comes from the decision event
 * or, for later edits, from the audit log.
 */
export async function deciderName(run: RunRecord, event: RunEvent | null, audit: Pick<AuditLog, 'list'> | null): Promise<string | null> {
  if (run.decidedByName || !run.decidedAt) return run.decidedByName;
  if (event && DECISIONS.has(event.type) && typeof event.data?.by === 'string') return event.data.by;
  if (!audit) return null;
  const { items } = await audit.list({ type: 'RUN', objectType: 'run', objectId: run.id }, { page: 1, perPage: 50 });
  return items.find((e) => DECISIONS.has(e.action) && e.actorName)?.actorName ?? null;
}
