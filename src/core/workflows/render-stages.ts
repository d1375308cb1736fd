import { STAGES, type Stage } from '../runs/run-status.ts';
import { checkOperator, type CheckSpec } from './check-spec.ts';
import type { ParamValue } from './param-spec.ts';
import type { PlatformName } from '../ports/device-session.ts';
import { renderTemplate } from './templating.ts';
import type { StepSpec } from './step-spec.ts';
import type { WorkflowDefinition } from './workflow-definition.ts';

/** A step with params substituted: what the stage runner sends to the device and checks. */
export type RenderedStep =
  | { mode: 'exec'; command: string; expect: CheckSpec | null }
  | { mode: 'config'; commands: string[] };

export type RenderedStages = Record<Stage, RenderedStep[]>;

function renderCheck(check: CheckSpec, params: Record<string, ParamValue>): CheckSpec {
  const { kind, value } = checkOperator(check);
  // In a regex a value must match literally: 10.0.0.1 must not match 10a0b0c1.
  const escapeRegex = kind === 'regex' || kind === 'not_regex';
  return { [kind]: renderTemplate(value, params, { escapeRegex }) };
}

function renderStep(step: StepSpec, params: Record<string, ParamValue>, shell: boolean): RenderedStep {
  const command = (template: string) => renderTemplate(template, params, { shell });
  if ('commands' in step) return { mode: 'config', commands: step.commands.map(command) };
  return { mode: 'exec', command: command(step.command), expect: step.expect ? renderCheck(step.expect, params) : null };
}

/**
 * Substitutes validated params into every stage; a stage the workflow leaves out renders as []. For a Linux
 * device (its platform given, or the workflow's only platform) each value is quoted as one shell word.
 */
export function renderStages(
  def: Pick<WorkflowDefinition, 'stages'> & Partial<Pick<WorkflowDefinition, 'platforms'>>,
  params: Record<string, ParamValue>,
  platform?: PlatformName,
): RenderedStages {
  const shell = (platform ?? (def.platforms?.length === 1 ? def.platforms[0] : undefined)) === 'linux';
  const out = {} as RenderedStages;
  for (const stage of STAGES) out[stage] = (def.stages[stage] ?? []).map((step) => renderStep(step, params, shell));
  return out;
}
