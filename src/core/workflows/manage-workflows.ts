import { createTwoFilesPatch } from 'diff';
import { NetOpsError } from '../errors/index.ts';
import type { WorkflowCatalog, WorkflowInfo, WorkflowStatus } from '../ports/workflow-catalog.ts';

/** The workflow by id or name, or WORKFLOW_NOT_FOUND on field `id`. */
export async function requireWorkflow(catalog: Pick<WorkflowCatalog, 'find'>, idOrName: string): Promise<WorkflowInfo> {
  const wf = await catalog.find(idOrName);
  if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow "${idOrName}" (by id or name).`, { field: 'id' });
  return wf;
}

/**
 * The unified diff of a workflow's YAML between two versions (3 lines of context); `patch` is null when
 * they are the same. A version the workflow does not have is NOT_FOUND on field `from` or `to`.
 */
export async function diffWorkflowVersions(catalog: Pick<WorkflowCatalog, 'versionYaml'>, wf: WorkflowInfo, from: number, to: number): Promise<{ from: number; to: number; patch: string | null }> {
  const pick = async (n: number, field: string) => {
    const yaml = await catalog.versionYaml(wf.id, n);
    if (yaml === null) throw new NetOpsError('NOT_FOUND', `${wf.name} has no version ${n} (it has 1–${wf.currentVersion}).`, { field });
    return yaml;
  };
  const [a, b] = [await pick(from, 'from'), await pick(to, 'to')];
  return { from, to, patch: a === b ? null : createTwoFilesPatch(`${wf.name} v${from}`, `${wf.name} v${to}`, a, b, undefined, undefined, { context: 3 }) };
}

/** Sets the status (only active workflows run); `changed` false when it already was. */
export async function setWorkflowStatus(catalog: Pick<WorkflowCatalog, 'setStatus'>, wf: WorkflowInfo, status: WorkflowStatus): Promise<{ before: WorkflowInfo; after: WorkflowInfo; changed: boolean }> {
  if (wf.status === status) return { before: wf, after: wf, changed: false };
  return { before: wf, after: await catalog.setStatus(wf.id, status), changed: true };
}

/**
 * Deletes a workflow, or archives it when runs refer to it (run history must stay readable). Refused
 * (CONFLICT) while schedules use it.
 */
export async function removeWorkflow(catalog: Pick<WorkflowCatalog, 'usage' | 'setStatus' | 'delete'>, wf: WorkflowInfo): Promise<{ outcome: 'archived' | 'deleted'; runs: number }> {
  const usage = await catalog.usage(wf.id);
  if (usage.schedules.length > 0) {
    throw new NetOpsError('CONFLICT', `Workflow "${wf.name}" is used by schedule(s) ${usage.schedules.join(', ')}; delete or change them first.`, { field: 'id', schedules: usage.schedules });
  }
  if (usage.runs > 0) {
    if (wf.status !== 'archived') await catalog.setStatus(wf.id, 'archived');
    return { outcome: 'archived', runs: usage.runs };
  }
  await catalog.delete(wf.id);
  return { outcome: 'deleted', runs: 0 };
}
