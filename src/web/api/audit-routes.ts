import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUDIT_LEVELS, AUDIT_SOURCES, AUDIT_TYPES } from '../../core/audit/audit-entry.ts';
import { requireRole } from '../../core/approvals/roles.ts';
import type { AppContext } from '../../main/app-context.ts';
import { pageOf, pageQuery } from './pagination.ts';

const logQuery = z.object({
  ...pageQuery,
  actor: z.string().max(200).optional(),
  source: z.enum(AUDIT_SOURCES).optional(),
  type: z.enum(AUDIT_TYPES).optional(),
  level: z.enum(AUDIT_LEVELS).optional(),
  object_type: z.string().max(50).optional(),
  object_id: z.string().max(100).optional(),
  since: z.iso.datetime({ message: 'an ISO 8601 date-time such as 2026-12-01T00:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'an ISO 8601 date-time such as 2026-12-31T23:59:59Z' }).optional(),
});

/** GET /api/v1/logs: the audit and system log, newest first; approvers and admins only. */
export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/logs', async (req) => {
    requireRole(req.user!, 'approver', 'reading the audit log');
    const q = logQuery.parse(req.query);
    const { items, total } = await ctx.audit.list(
      { actor: q.actor, source: q.source, type: q.type, level: q.level, objectType: q.object_type, objectId: q.object_id, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined },
      { page: q.page, perPage: q.per_page },
    );
    return pageOf(items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), total, q.page, q.per_page);
  });
}
