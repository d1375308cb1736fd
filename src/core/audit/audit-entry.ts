/** One audit / system log entry as use cases write it. Old/new values are redacted before storage. */
export const AUDIT_LEVELS = ['INFO', 'WARNING', 'ERROR'] as const;
export const AUDIT_TYPES = ['AUTH', 'API', 'DEVICE', 'WORKFLOW', 'RUN', 'WEBHOOK', 'SYSTEM'] as const;
export const AUDIT_SOURCES = ['web', 'api', 'cli', 'slack', 'discord', 'schedule', 'system'] as const;

export type AuditLevel = (typeof AUDIT_LEVELS)[number];
export type AuditType = (typeof AUDIT_TYPES)[number];
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditEntryInput {
  level?: AuditLevel;
  type: AuditType;
  /** e.g. device.created, run.approved, login.failed */
  action: string;
  actor: { id: string | null; name: string } | null;
  source: AuditSource;
  ip?: string | null;
  userAgent?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  message?: string | null;
}

export interface AuditEntry {
  id: string;
  createdAt: Date;
  level: AuditLevel;
  type: AuditType;
  action: string;
  actorName: string | null;
  source: AuditSource;
  ip: string | null;
  objectType: string | null;
  objectId: string | null;
  oldValue: unknown;
  newValue: unknown;
  message: string | null;
}
