import type { AuditEntry } from '../../../core/audit/audit-entry.ts';
import { jsonDiffLines } from '../../render/json-diff.ts';
import { hrefWith } from '../../render/pager.ts';

const LEVEL_TONE: Record<string, string> = { INFO: 'idle', WARNING: 'warn', ERROR: 'bad' };

/** Where an audited object lives in the web companion, when it has a page. */
export function objectHref(type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  switch (type) {
    case 'run': return `/runs/${encodeURIComponent(id)}`;
    case 'device': return `/devices/${encodeURIComponent(id)}/config`;
    case 'webhook': return `/webhooks/${encodeURIComponent(id)}`;
    case 'schedule': return `/schedules/${encodeURIComponent(id)}/edit`;
    case 'user': return `/users/${encodeURIComponent(id)}`;
    case 'credential': return '/credentials';
    default: return null;
  }
}

/** One entry as the list row and the detail show it; the old → new diff is built only for the detail. */
export function auditEntryView(e: AuditEntry, opts: { withDiff: boolean }) {
  const hasValues = (e.oldValue ?? null) !== null || (e.newValue ?? null) !== null;
  return {
    ...e, levelTone: LEVEL_TONE[e.level] ?? 'idle', hasValues,
    objectHref: objectHref(e.objectType, e.objectId),
    historyHref: e.objectType && e.objectId ? hrefWith('/audit', { object_type: e.objectType, object_id: e.objectId }) : null,
    diffLines: opts.withDiff && hasValues ? jsonDiffLines(e.oldValue, e.newValue) : [],
  };
}
