import { isNetOpsError, type FieldIssue } from '../../core/errors/index.ts';

/** A use case's refusal as a form shows it: a message per field, the whole message, a status. */
export interface FormRefusal {
  errors: Record<string, string>;
  message: string;
  code: string;
  status: number;
}

/**
 * Turns a coded input error (validation, not found, already exists…) into per-field messages from
 * `details.issues` / `details.field`. Null for anything a form cannot fix (forbidden, server errors),
 * which the page error handler shows instead.
 */
export function formRefusalOf(err: unknown): FormRefusal | null {
  if (!isNetOpsError(err) || err.status >= 500 || err.status === 401 || err.status === 403) return null;
  const details = err.details as { issues?: FieldIssue[]; field?: string } | undefined;
  const errors: Record<string, string> = {};
  for (const i of details?.issues ?? []) errors[i.field] ??= i.message;
  if (details?.field) errors[details.field] ??= err.message;
  return { errors, message: err.message, code: err.code, status: err.code === 'ALREADY_EXISTS' || err.code === 'CONFLICT' ? 409 : 422 };
}
