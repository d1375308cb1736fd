import type { FastifyRequest } from 'fastify';
import type { AuditEntryInput } from '../../core/audit/audit-entry.ts';
import type { AppContext } from '../../main/app-context.ts';

/** An audit entry from a page: everything except what the request itself tells (source, IP, user agent). */
export type WebAuditEntry = Omit<AuditEntryInput, 'source' | 'ip' | 'userAgent'>;

/**
 * Records what a person did in the web companion through the audit log (which redacts secrets and never
 * fails the action). Run decisions are not recorded here: the run events already are, with source "web".
 */
export async function auditWeb(ctx: AppContext, req: FastifyRequest, entry: WebAuditEntry): Promise<void> {
  await ctx.audit.record({ ...entry, source: 'web', ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null });
}
