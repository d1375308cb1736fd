import { AUDIT_SOURCES, type AuditLevel, type AuditSource } from '../core/audit/audit-entry.ts';
import type { AuditLog } from '../core/ports/audit-log.ts';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { RunRepository } from '../core/ports/run-repository.ts';
import type { RunEvent, RunEventType } from '../core/runs/run-events.ts';

const AUDITED: Partial<Record<RunEventType, AuditLevel>> = {
  'run.requested': 'INFO', 'run.approved': 'INFO', 'run.rejected': 'INFO', 'run.expired': 'WARNING', 'run.cancelled': 'INFO',
  'run.completed': 'INFO', 'execution.interrupted': 'ERROR', 'execution.rolled_back': 'WARNING', 'device.config_changed': 'INFO',
};

/** Writes the run lifecycle into the audit log: who asked, who decided, what changed, what needs a human. */
export class AuditRunEvents implements EventPublisher {
  constructor(private readonly audit: AuditLog, private readonly runs: RunRepository) {}

  async publish(event: RunEvent): Promise<void> {
    const level = AUDITED[event.type];
    if (!level) return;
    const run = await this.runs.get({ id: event.runId });
    const decider = typeof event.data?.by === 'string' ? event.data.by : null;
    const said = event.data?.source;
    const decidedFrom = AUDIT_SOURCES.find((s): s is AuditSource => s === said);
    await this.audit.record({
      level, type: 'RUN', action: event.type,
      actor: decider ? { id: null, name: decider } : event.type === 'run.requested' && run ? { id: run.requesterId, name: run.requesterName } : null,
      source: event.type === 'run.requested' && run ? run.source : (decidedFrom ?? 'system'),
      objectType: event.executionId ? 'execution' : 'run', objectId: event.executionId ?? event.runId,
      newValue: { run: event.runNumber, status: event.runStatus ?? event.executionStatus ?? null, device: event.deviceName ?? null, ...(run ? { workflow: run.workflowName, target: run.target, params: run.params } : {}) },
      message: event.summary ?? null,
    });
  }
}
