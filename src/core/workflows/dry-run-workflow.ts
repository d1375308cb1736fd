import { requireDevice } from '../devices/require-device.ts';
import { NetOpsError } from '../errors/index.ts';
import type { DeviceRepository } from '../ports/device-repository.ts';
import type { WorkflowRepository, WorkflowVersionRecord } from '../ports/workflow-repository.ts';
import { validateParams } from './params.ts';
import { renderStages } from './render-stages.ts';

export interface DryRunDeps {
  workflows: Pick<WorkflowRepository, 'findCurrent'>;
  devices: Pick<DeviceRepository, 'findById' | 'findByName'>;
}

/**
 * What a run of the workflow's current version would send to one device, per stage — without contacting
 * it. The same checks as a run request (platform, params, templates), so a preview that renders is a
 * request that will be accepted. Any status previews (a draft especially). Refusals are NetOpsErrors on
 * field `device` (DEVICE_NOT_FOUND, PLATFORM_NOT_SUPPORTED) or per param (VALIDATION_FAILED with issues).
 * Used by the API, the web preview and anything else that previews.
 */
export async function dryRunWorkflow(deps: DryRunDeps, input: { workflow: string | WorkflowVersionRecord; device: string; params: Record<string, unknown> }) {
  const wf = typeof input.workflow === 'string' ? await deps.workflows.findCurrent(input.workflow) : input.workflow;
  if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${String(input.workflow)}".`, { field: 'id' });
  const device = await requireDevice(deps.devices, input.device).catch((err: unknown) => {
    throw err instanceof NetOpsError && err.code === 'DEVICE_NOT_FOUND' ? new NetOpsError('DEVICE_NOT_FOUND', `No device named "${input.device}".`, { field: 'device' }) : err;
  });
  const def = wf.definition;
  if (!def.platforms.includes(device.platform)) {
    throw new NetOpsError('PLATFORM_NOT_SUPPORTED', `${def.name} supports ${def.platforms.join(', ')}; ${device.name} is ${device.platform}.`, { field: 'device', platform: device.platform });
  }
  const params = validateParams(def.params, input.params);
  return { workflow: wf.workflowName, version: wf.version, device: device.name, platform: device.platform, params, stages: renderStages(def, params, device.platform) };
}
