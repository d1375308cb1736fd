import { NetOpsError } from '../errors/index.ts';
import type { WorkflowVersionRecord } from '../ports/workflow-repository.ts';
import { resolveTargetDevices } from '../runs/request-run.ts';
import { validateParams } from '../workflows/params.ts';
import type { ScheduleDeps } from './schedule-deps.ts';

/**
 * Save-time checks of what a schedule will run, the same a run request makes (workflow active, target
 * devices exist and are supported, params valid), so a mistake shows now and not at 3 a.m.
 */
export async function checkScheduledRun(
  deps: Pick<ScheduleDeps, 'workflows' | 'devices'>,
  what: { workflow: string; target: string; params: Record<string, unknown> },
): Promise<WorkflowVersionRecord> {
  const workflow = await deps.workflows.findCurrent(what.workflow);
  if (!workflow) {
    const known = (await deps.workflows.list()).map((w) => w.name);
    throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${what.workflow}". Known: ${known.join(', ') || 'none'}.`, { field: 'workflow', known });
  }
  if (workflow.status !== 'active') {
    throw new NetOpsError('WORKFLOW_NOT_ACTIVE', `Workflow "${workflow.workflowName}" is ${workflow.status}; only active workflows run.`, { field: 'workflow' });
  }
  const def = workflow.definition;
  validateParams(def.params, what.params);
  const devices = await resolveTargetDevices(deps.devices, what.target);
  const unsupported = devices.filter((d) => !def.platforms.includes(d.platform));
  if (unsupported.length > 0) {
    throw new NetOpsError(
      'PLATFORM_NOT_SUPPORTED',
      `Workflow "${def.name}" supports ${def.platforms.join(', ')}; not: ${unsupported.map((d) => `${d.name} (${d.platform})`).join(', ')}.`,
      { field: 'target', devices: unsupported.map((d) => d.name) },
    );
  }
  return workflow;
}
