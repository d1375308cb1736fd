import { validationError, type ErrorCode, type FieldIssue } from '../errors/index.ts';
import { displayValue } from './display-value.ts';
import { describeParamSpec } from './describe-param.ts';
import type { ParamSpec, ParamValue } from './param-spec.ts';
import { coerceParamValue } from './param-value.ts';

export interface ParamIssue extends FieldIssue {
  code: 'PARAM_UNKNOWN' | 'PARAM_MISSING' | 'PARAM_INVALID';
}

// The top-level code when several kinds of problem occur: an unknown name is often a typo that also
// explains a "missing" one, so it is reported first.
const PRIORITY: readonly ParamIssue['code'][] = ['PARAM_UNKNOWN', 'PARAM_MISSING', 'PARAM_INVALID'];

/**
 * Checks a run's raw params (strings from chat/CLI, or typed from JSON) against the workflow's specs,
 * applies defaults and returns typed values. Reports every problem at once in `details.issues`.
 * A value with a control character or line break is always refused: it could inject a second command.
 * `null`/`undefined` count as "not given", so the default applies.
 */
export function validateParams(specs: Record<string, ParamSpec>, raw: Record<string, unknown>): Record<string, ParamValue> {
  const issues: ParamIssue[] = [];
  const known = Object.keys(specs);
  const values: Record<string, ParamValue> = {};

  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(specs, name)) {
      const hint = known.length > 0 ? `known params: ${known.join(', ')}` : 'this workflow takes no params';
      issues.push({ code: 'PARAM_UNKNOWN', field: name, message: `unknown param ${displayValue(name, 64)}; ${hint}` });
    }
  }

  for (const [name, spec] of Object.entries(specs)) {
    const given = Object.hasOwn(raw, name) ? raw[name] : undefined;
    const value = given ?? spec.default;
    if (value === undefined || value === null) {
      if (spec.required) issues.push({ code: 'PARAM_MISSING', field: name, message: `${name} is required: ${describeParamSpec(spec)}` });
      continue;
    }
    const checked = coerceParamValue(name, spec, value);
    if (checked.ok) values[name] = checked.value;
    else issues.push({ code: 'PARAM_INVALID', field: name, message: checked.message });
  }

  if (issues.length > 0) {
    const code: ErrorCode = PRIORITY.find((c) => issues.some((i) => i.code === c)) ?? 'PARAM_INVALID';
    const message = issues.length === 1 ? (issues[0]?.message ?? '') : `${issues.length} param problems: ${issues.map((i) => i.message).join('; ')}`;
    throw validationError(code, message, issues);
  }
  return values;
}
