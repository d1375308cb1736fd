import { isNetOpsError, type FieldIssue } from '../../../core/errors/index.ts';
import { scheduleInputSchema, type ScheduleInput, type SchedulePatch } from '../../../core/schedules/schedule-input.ts';
import type { ScheduleRecord } from '../../../core/schedules/schedule-records.ts';
import type { ParamSpec } from '../../../core/workflows/index.ts';
import { validateParams } from '../../../core/workflows/index.ts';
import { paramsFromForm } from '../workflows/param-form.ts';

/** The schedule form as typed (strings), params by name. */
export interface ScheduleFormValues {
  name: string;
  workflow: string;
  target: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  params: Record<string, string>;
}

/** Field problems split as the form shows them: the schedule's own fields, and the workflow's params. */
export interface ScheduleFormErrors {
  fields: Record<string, string>;
  params: Record<string, string>;
  message?: string;
  /** The use case's error code when it refused the save. */
  code?: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function scheduleFormOf(body: unknown, specs: Record<string, ParamSpec>): ScheduleFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    name: text(b.name), workflow: text(b.workflow), target: text(b.target), cron: text(b.cron), timezone: text(b.timezone) || 'UTC',
    enabled: b.enabled === 'on' || b.enabled === 'true', params: paramsFromForm(specs, b),
  };
}

export function scheduleFormFrom(s: ScheduleRecord): ScheduleFormValues {
  return {
    name: s.name, workflow: s.workflowName, target: s.target, cron: s.cron, timezone: s.timezone, enabled: s.enabled,
    params: Object.fromEntries(Object.entries(s.params).map(([k, v]) => [k, String(v)])),
  };
}

/** The same zod schema as the API and CLI: the field shapes (name pattern, lengths) are checked once. */
export function parseScheduleForm(v: ScheduleFormValues): { ok: true; input: ScheduleInput } | { ok: false; errors: ScheduleFormErrors } {
  const parsed = scheduleInputSchema.safeParse({ name: v.name, workflow: v.workflow, target: v.target, cron: v.cron, timezone: v.timezone, enabled: v.enabled, params: v.params });
  if (parsed.success) return { ok: true, input: parsed.data };
  const fields: Record<string, string> = {};
  for (const i of parsed.error.issues) fields[String(i.path[0] ?? 'form')] ??= i.message;
  return { ok: false, errors: { fields, params: {} } };
}

/** Params compared by what they mean (defaults applied, types coerced), so an untouched form is "no change". */
function sameParams(specs: Record<string, ParamSpec>, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(validateParams(specs, a)) === JSON.stringify(validateParams(specs, b));
  } catch {
    return false;
  }
}

/**
 * Only what the person changed: the core makes the editor the owner of a schedule whose what/where/when
 * changes, so saving an untouched form must not take it over.
 */
export function schedulePatchOf(before: ScheduleRecord, input: ScheduleInput, specs: Record<string, ParamSpec>): SchedulePatch {
  const patch: SchedulePatch = {};
  if (input.name !== before.name) patch.name = input.name;
  if (input.workflow !== before.workflowName) patch.workflow = input.workflow;
  if (input.target !== before.target) patch.target = input.target;
  if (patch.workflow || !sameParams(specs, before.params, input.params)) patch.params = input.params;
  if (input.cron.trim().replace(/\s+/g, ' ') !== before.cron) patch.cron = input.cron;
  if (input.timezone !== before.timezone) patch.timezone = input.timezone;
  if (input.enabled !== before.enabled) patch.enabled = input.enabled;
  return patch;
}

/** A refusal from the use case as form errors: param problems by param, the rest by field. */
export function scheduleErrorsOf(err: unknown): ScheduleFormErrors | null {
  if (!isNetOpsError(err) || err.status >= 500 || err.code === 'FORBIDDEN') return null;
  const details = err.details as { issues?: FieldIssue[]; field?: string } | undefined;
  const target = err.code.startsWith('PARAM_') ? 'params' : 'fields';
  const errors: ScheduleFormErrors = { fields: {}, params: {}, message: err.message, code: err.code };
  for (const i of details?.issues ?? []) errors[target][i.field] ??= i.message;
  if (details?.field) errors.fields[details.field] ??= err.message;
  return errors;
}
