import { requireDevice } from '../../core/devices/require-device.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { DeviceRepository } from '../../core/ports/device-repository.ts';
import type { WorkflowRepository } from '../../core/ports/workflow-repository.ts';
import { validateParams } from '../../core/workflows/params.ts';
import { renderStages } from '../../core/workflows/render-stages.ts';

/**
 * What a run of the workflow's current version would send to one device, per stage — without contacting
 * it. The same checks as a run request (platform, params, templates), so a preview that renders is a
 * request that will be accepted. Any status previews (a draft especially).
 */
export async function dryRunWorkflow(
  deps: { workflows: Pick<WorkflowRepository, 'findCurrent'>; devices: Pick<DeviceRepository, 'findById' | 'findByName'> },
  input: { workflow: string; device: string; params: Record<string, unknown> },
) {
  const wf = await deps.workflows.findCurrent(input.workflow);
  if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${input.workflow}".`, { field: 'id' });
  const device = await requireDevice(deps.devices, input.device).catch((err: unknown) => {
    throw err instanceof NetOpsError && err.code === 'DEVICE_NOT_FOUND' ? new NetOpsError('DEVICE_NOT_FOUND', err.message, { field: 'device' }) : err;
  });
  const def = wf.definition;
  if (!def.platforms.includes(device.platform)) {
    throw new NetOpsError('PLATFORM_NOT_SUPPORTED', `Workflow "${def.name}" supports ${def.platforms.join(', ')}; ${device.name} is ${device.platform}.`, { field: 'device' });
  }
  const params = validateParams(def.params, input.params);
  return { workflow: wf.workflowName, version: wf.version, device: device.name, platform: device.platform, params, stages: renderStages(def, params, device.platform) };
}
