import type { DeviceRepository } from '../ports/device-repository.ts';
import type { PlatformName } from '../ports/device-session.ts';
import type { RunDetail, RunRecord } from './run-records.ts';
import type { ParamValue } from '../workflows/param-spec.ts';
import { renderStages, type RenderedStages } from '../workflows/render-stages.ts';
import type { WorkflowDefinition } from '../workflows/workflow-definition.ts';

type PreviewDefinition = Pick<WorkflowDefinition, 'stages'> & Partial<Pick<WorkflowDefinition, 'platforms'>>;

/** The implementation stage as lines of commands. */
export const implementationLines = (rendered: RenderedStages): string[] =>
  rendered.implementation.flatMap((s) => (s.mode === 'config' ? s.commands : [s.command]));

/**
 * The implementation commands an approver sees, as they will be sent. Params are rendered per platform
 * (Linux quotes each value as one shell word), so: one platform among the devices (or, not knowing the
 * devices, the workflow's platforms) renders for it; several whose forms differ show each form under a
 * `# on PLATFORMS:` line, so nobody approves `echo hello; id` when `echo 'hello; id'` is sent.
 */
export function previewImplementation(def: PreviewDefinition, params: Record<string, ParamValue>, platforms?: readonly PlatformName[]): string[] {
  const known = [...new Set(platforms?.length ? platforms : ((def.platforms ?? []) as PlatformName[]))].sort();
  if (known.length <= 1) return implementationLines(renderStages(def, params, known[0]));
  const groups = new Map<string, { platforms: PlatformName[]; lines: string[] }>();
  for (const platform of known) {
    const lines = implementationLines(renderStages(def, params, platform));
    const key = JSON.stringify(lines);
    const group = groups.get(key);
    if (group) group.platforms.push(platform);
    else groups.set(key, { platforms: [platform], lines });
  }
  if (groups.size === 1) return [...groups.values()][0]!.lines;
  return [...groups.values()].flatMap((g) => [`# on ${g.platforms.join(', ')}:`, ...g.lines]);
}

/** Past this many devices a run's preview goes by the workflow's platforms instead of looking each device up. */
export const PREVIEW_DEVICE_LOOKUPS = 50;

/**
 * The platforms of a run's devices, when they decide how its preview renders: only for a workflow that
 * runs on Linux and on something else, and up to PREVIEW_DEVICE_LOOKUPS devices (undefined otherwise, or when
 * a device is gone: the preview then shows every platform's form).
 */
export async function platformsOfRun(
  devices: Pick<DeviceRepository, 'findById'> | undefined, def: PreviewDefinition, run: RunRecord | RunDetail,
): Promise<PlatformName[] | undefined> {
  const platforms = def.platforms ?? [];
  if (!devices || platforms.length < 2 || !platforms.includes('linux') || !('executions' in run)) return undefined;
  const ids = [...new Set(run.executions.map((e) => e.deviceId))];
  if (ids.length === 0 || ids.length > PREVIEW_DEVICE_LOOKUPS || ids.includes(null)) return undefined;
  const found = await Promise.all(ids.map((id) => devices.findById(id!)));
  return found.every((d) => d !== null) ? found.map((d) => d!.platform) : undefined;
}
