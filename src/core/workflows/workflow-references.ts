import { isNetOpsError } from '../errors/index.ts';
import { STAGES, type Stage } from '../runs/run-status.ts';
import { CHECK_KINDS, type CheckSpec } from './check-spec.ts';
import type { ParamSpec } from './param-spec.ts';
import type { StepSpec } from './step-spec.ts';
import { shellContexts, UNSAFE_SHELL_PLACEHOLDER } from './shell-quote.ts';
import { templateParamNames } from './templating.ts';

export interface ReferenceIssue {
  path: (string | number)[];
  message: string;
}

type DefinitionShape = { params: Record<string, ParamSpec>; stages: Partial<Record<Stage, StepSpec[]>>; platforms?: readonly string[] };

// Stages that must not change the device: a failed pre-check means "nothing changed" (execution `failed`).
const READ_ONLY_STAGES: readonly Stage[] = ['pre_check', 'post_check'];

/**
 * Cross-field rules zod cannot express per field: every {{name}} is a declared param, check regexes
 * compile once params are substituted, pre/post checks hold no config steps, and on Linux every
 * placeholder sits where its value can be quoted as one shell word.
 */
export function checkWorkflowReferences(def: DefinitionShape): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const declared = Object.keys(def.params);

  const shell = def.platforms?.includes('linux') ?? false;
  const checkCommand = (template: string, path: (string | number)[]): void => {
    if (!checkTemplate(template, path) || !shell) return;
    const used = [...template.matchAll(/\{\{ *([a-z][a-z0-9_]*) *\}\}/g)].map((m) => m[1] ?? '');
    shellContexts(template).forEach((context, i) => {
      if (context === 'unsafe') issues.push({ path, message: `{{${used[i] ?? ''}}} ${UNSAFE_SHELL_PLACEHOLDER}` });
    });
  };
  const checkTemplate = (template: string, path: (string | number)[]): boolean => {
    let names: string[];
    try {
      names = templateParamNames(template);
    } catch (err) {
      if (!isNetOpsError(err)) throw err;
      issues.push({ path, message: err.message });
      return false;
    }
    let ok = true;
    for (const name of names) {
      if (!Object.hasOwn(def.params, name)) {
        ok = false;
        issues.push({ path, message: `uses {{${name}}} but no param ${JSON.stringify(name)} is declared (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})` });
      }
    }
    return ok;
  };

  const checkExpect = (check: CheckSpec, path: (string | number)[]): void => {
    // The check's own schema reports a check without exactly one kind; nothing to cross-check then.
    const kind = CHECK_KINDS.find((k) => check[k] !== undefined);
    const value = kind === undefined ? undefined : check[kind];
    if (kind === undefined || value === undefined) return;
    const valuePath = [...path, kind];
    if (!checkTemplate(value, valuePath) || (kind !== 'regex' && kind !== 'not_regex')) return;
    // A dummy value stands in for each param: it is regex-escaped at run time, so it cannot break the pattern.
    const sample = value.replace(/\{\{ *[a-z][a-z0-9_]* *\}\}/g, '0');
    try {
      new RegExp(sample, 'm');
    } catch (err) {
      issues.push({ path: valuePath, message: `is not a valid regular expression: ${(err as Error).message}` });
    }
  };

  for (const stage of STAGES) {
    (def.stages[stage] ?? []).forEach((step, i) => {
      const at = ['stages', stage, i];
      if ('commands' in step) {
        if (READ_ONLY_STAGES.includes(stage)) {
          issues.push({ path: [...at, 'mode'], message: `${stage} must not change the device: config steps belong in implementation or rollback` });
        }
        step.commands.forEach((command, j) => checkCommand(command, [...at, 'commands', j]));
      } else {
        checkCommand(step.command, [...at, 'command']);
        if (step.expect) checkExpect(step.expect, [...at, 'expect']);
      }
    });
  }
  return issues;
}
