import { isNetOpsError, type FieldIssue } from '../../../core/errors/index.ts';
import type { WorkflowVersionRecord } from '../../../core/ports/workflow-repository.ts';
import { STAGES } from '../../../core/runs/run-status.ts';
import { dryRunWorkflow, type DryRunDeps } from '../../../core/workflows/dry-run-workflow.ts';
import { checkOperator, type RenderedStep } from '../../../core/workflows/index.ts';

const STAGE_LABELS: Record<string, string> = { pre_check: 'Pre-check', implementation: 'Implementation', post_check: 'Post-check', rollback: 'Rollback' };
const STAGE_NOTES: Record<string, string> = {
  pre_check: 'runs first; also the only stage of a dry run',
  implementation: 'the change, in config mode where marked',
  post_check: 'verifies the change',
  rollback: 'only if the implementation or a post-check fails',
};

export type DryRunPreview =
  | { ok: true; device: { name: string; platform: string }; stages: ReturnType<typeof stageView>[] }
  | { ok: false; message: string; device?: string; params: Record<string, string> };

/** "expects output to …" in words. */
const CHECK_WORDS: Record<string, string> = { contains: 'contain', not_contains: 'not contain', regex: 'match', not_regex: 'not match', equals: 'equal' };

function stepView(step: RenderedStep) {
  if (step.mode === 'config') return { mode: 'config', text: step.commands.join('\n'), check: null };
  const check = step.expect ? checkOperator(step.expect) : null;
  return { mode: 'exec', text: step.command, check: check ? `${CHECK_WORDS[check.kind] ?? check.kind} “${check.value}”` : null };
}

function stageView(stage: string, steps: RenderedStep[]) {
  return { stage, label: STAGE_LABELS[stage] ?? stage, note: STAGE_NOTES[stage] ?? '', steps: steps.map(stepView) };
}

/**
 * What a run would type on a device, stage by stage, without contacting it: the core dry run (the same
 * checks and templating as a run request, shared with the API), with its refusals turned into messages
 * next to the device field or each param instead of an error page.
 */
export async function previewDryRun(deps: DryRunDeps, wf: WorkflowVersionRecord, deviceName: string, raw: Record<string, string>): Promise<DryRunPreview> {
  try {
    const { stages, device, platform } = await dryRunWorkflow(deps, { workflow: wf, device: deviceName, params: raw });
    return { ok: true, device: { name: device, platform }, stages: STAGES.filter((s) => stages[s].length > 0).map((s) => stageView(s, stages[s])) };
  } catch (err) {
    if (!isNetOpsError(err) || err.status >= 500) throw err;
    const details = err.details as { field?: string; platform?: string; issues?: FieldIssue[] } | undefined;
    if (details?.field === 'device') {
      return { ok: false, message: err.message, device: err.code === 'PLATFORM_NOT_SUPPORTED' ? `is ${details.platform ?? 'another platform'}` : 'no such device', params: {} };
    }
    const params: Record<string, string> = {};
    for (const i of details?.issues ?? []) params[i.field] ??= i.message;
    return { ok: false, message: err.message, params };
  }
}
