import type { AuditSource } from '../audit/audit-entry.ts';
import { hasRole, requireRole, type Role } from '../approvals/roles.ts';
import { NetOpsError } from '../errors/index.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { WorkflowRepository, WorkflowVersionRecord } from '../ports/workflow-repository.ts';
import { findDestructiveCommands, type DestructiveCommand } from './workflow-guards.ts';
import { parseWorkflowYaml } from './workflow-yaml.ts';

export interface SaveWorkflowInput {
  yaml: string;
  actor: { id: string | null; name: string; role: Role };
  source: AuditSource;
  /** An admin's explicit "yes, this workflow may reload / erase / delete"; recorded in the audit log. */
  allowDestructive?: boolean | undefined;
  ip?: string | null | undefined;
}

export interface SaveWorkflowResult {
  record: WorkflowVersionRecord;
  created: boolean;
  changed: boolean;
  destructive: DestructiveCommand[];
}

/**
 * Validates and stores a workflow (a new version when it changed). A workflow decides what reaches
 * production devices and whether approval is needed, so saving one takes the approver role; commands
 * that reload, erase or delete are refused unless an admin allows them on this very save.
 */
export async function saveWorkflow(deps: { workflows: WorkflowRepository; audit: AuditLog }, input: SaveWorkflowInput): Promise<SaveWorkflowResult> {
  requireRole(input.actor, 'approver', 'saving a workflow');
  const def = parseWorkflowYaml(input.yaml);
  const destructive = findDestructiveCommands(def);
  if (destructive.length > 0 && !(input.allowDestructive && hasRole(input.actor.role, 'admin'))) {
    throw new NetOpsError(
      'WORKFLOW_INVALID',
      `Workflow "${def.name}" has destructive commands (${destructive.map((d) => `"${d.command}": ${d.reason}`).join('; ')}). An admin must allow them explicitly${input.allowDestructive ? ' (you are not an admin)' : ' (--allow-destructive)'}.`,
      { issues: destructive.map((d) => ({ field: `stages.${d.stage}`, message: `"${d.command}" ${d.reason}` })) },
    );
  }
  const { record, created, changed } = await deps.workflows.save(def, input.yaml, input.actor.name, { allowDestructive: destructive.length > 0 });
  if (changed) {
    await deps.audit.record({
      level: destructive.length > 0 ? 'WARNING' : 'INFO', type: 'WORKFLOW', action: created ? 'workflow.created' : 'workflow.updated',
      actor: { id: input.actor.id, name: input.actor.name }, source: input.source, ip: input.ip ?? null,
      objectType: 'workflow', objectId: record.workflowId,
      newValue: { name: def.name, version: record.version, approval: def.approval, allowDestructive: destructive.length > 0, destructive, definition: def },
      message: destructive.length > 0 ? `destructive commands allowed by ${input.actor.name}` : null,
    });
  }
  return { record, created, changed, destructive };
}
