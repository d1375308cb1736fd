import type { AuditEntry, AuditEntryInput, AuditLevel, AuditSource, AuditType } from '../audit/audit-entry.ts';

export interface AuditFilter {
  actor?: string | undefined;
  source?: AuditSource | undefined;
  type?: AuditType | undefined;
  level?: AuditLevel | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

/** Who changed what, and system events. Writes redact secrets; a failed write never breaks the change itself. */
export interface AuditLog {
  record(entry: AuditEntryInput): Promise<void>;
  list(filter: AuditFilter, page: { page: number; perPage: number }): Promise<{ items: AuditEntry[]; total: number }>;
  /** One entry by id, with the user agent the list leaves out; null when there is none. */
  get(id: string): Promise<(AuditEntry & { userAgent: string | null }) | null>;
}
