import { z } from 'zod';
import { AUDIT_LEVELS, AUDIT_SOURCES, AUDIT_TYPES } from '../../../core/audit/audit-entry.ts';
import type { AuditFilter } from '../../../core/ports/audit-log.ts';
import { optionalDay, optionalText, pageNumber } from '../../render/form-values.ts';

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional());

const DAY_MS = 86_400_000;

/** The audit log's filters as they arrive in the query string (empty inputs mean "any"). */
export const auditListQuery = z.object({
  page: pageNumber,
  actor: optionalText(),
  source: optionalEnum(AUDIT_SOURCES),
  type: optionalEnum(AUDIT_TYPES),
  level: optionalEnum(AUDIT_LEVELS),
  object_type: optionalText(50),
  object_id: optionalText(100),
  from: optionalDay,
  to: optionalDay,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const AUDIT_PER_PAGE = 50;

/** The port's filter; `to` is inclusive (the whole day, UTC), like the runs list. */
export function auditFilterOf(q: AuditListQuery): AuditFilter {
  return {
    actor: q.actor, source: q.source, type: q.type, level: q.level, objectType: q.object_type, objectId: q.object_id,
    since: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    until: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS - 1) : undefined,
  };
}
