import { describeParamSpec, type ParamSpec } from '../../../core/workflows/index.ts';

/** One input of the run form, derived from a workflow param. */
export interface ParamField {
  name: string;
  input: 'number' | 'text' | 'select' | 'checkbox';
  required: boolean;
  /** What the param accepts, in words (the same text chat and CLI errors use). */
  accepts: string;
  description: string | null;
  value: string;
  options: string[];
  min: number | null;
  max: number | null;
  maxLength: number | null;
  error: string | null;
}

/**
 * The run form's fields from the workflow's param specs. The browser only helps (types, min/max);
 * validateParams on the server stays the judge, so the string `pattern` is not copied into HTML
 * (browser and server regex dialects differ).
 */
export function paramFields(specs: Record<string, ParamSpec>, given: Record<string, string> = {}, errors: Record<string, string> = {}): ParamField[] {
  return Object.entries(specs).map(([name, spec]) => {
    const fallback = spec.default === undefined ? '' : String(spec.default);
    const base = {
      name, required: spec.required, accepts: describeParamSpec(spec), description: spec.description ?? null,
      value: given[name] ?? fallback, options: [] as string[], min: null, max: null, maxLength: null, error: errors[name] ?? null,
    };
    switch (spec.type) {
      case 'integer':
        return { ...base, input: 'number', min: spec.min ?? null, max: spec.max ?? null };
      case 'enum':
        return { ...base, input: 'select', options: spec.values };
      case 'boolean':
        return { ...base, input: 'checkbox', value: given[name] ?? (spec.default ? 'true' : '') };
      case 'string':
        return { ...base, input: 'text', maxLength: spec.maxLength };
      default:
        return { ...base, input: 'text' };
    }
  });
}

/** The posted `p.<name>` fields as raw params; empty inputs are left out so defaults apply. */
export function paramsFromForm(specs: Record<string, ParamSpec>, body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = body[`p.${name}`];
    if (spec.type === 'boolean') {
      out[name] = raw === 'true' || raw === 'on' ? 'true' : 'false';
      continue;
    }
    if (typeof raw === 'string' && raw.trim() !== '') out[name] = raw.trim();
  }
  return out;
}
