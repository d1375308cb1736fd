import type { FastifyRequest } from 'fastify';
import type { AuditEntryInput } from '../../core/audit/audit-entry.ts';
import type { AuditLog } from '../../core/ports/audit-log.ts';

/** An audit entry from the API: the request supplies actor, source, address and user agent. */
export type ApiAuditEntry = Omit<AuditEntryInput, 'actor' | 'source' | 'ip' | 'userAgent'>;

/** Records an API mutation (the audit log redacts secrets and never fails the change itself). */
export function auditApi(audit: AuditLog, req: FastifyRequest, entry: ApiAuditEntry): Promise<void> {
  return audit.record({ ...entry, actor: req.user, source: 'api', ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null });
}
