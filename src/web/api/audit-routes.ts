import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditEntry } from '../../core/audit/audit-entry.ts';
import type { AppContext } from '../../main/app-context.ts';
import { apiRoute } from './api-route.ts';
import { pageOf, pageQuery, pageSchema } from './pagination.ts';
import { auditEntrySchema, auditQuery } from './schemas/misc-schemas.ts';

const presentAuditEntry = (e: AuditEntry) => ({
  id: e.id, created_at: e.createdAt.toISOString(), level: e.level, type: e.type, action: e.action, actor_name: e.actorName, source: e.source,
  ip: e.ip, object_type: e.objectType, object_id: e.objectId, old_value: e.oldValue, new_value: e.newValue, message: e.message,
});

/** GET /api/v1/logs: the audit and system log, newest first; approvers and admins only. */
export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  apiRoute(app, {
    method: 'GET', url: '/logs', tag: 'audit', operationId: 'listAuditLog', summary: 'The audit log, newest first',
    description: 'Who changed what, from where; old and new values with secrets redacted.',
    role: ['approver', 'reading the audit log'], query: z.object({ ...pageQuery, ...auditQuery.shape }), response: { 200: pageSchema(auditEntrySchema) },
    handler: async ({ query: q }) => {
      const { items, total } = await ctx.audit.list(
        { actor: q.actor, source: q.source, type: q.type, level: q.level, objectType: q.object_type, objectId: q.object_id, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined },
        { page: q.page, perPage: q.per_page },
      );
      return pageOf(items.map(presentAuditEntry), total, q.page, q.per_page);
    },
  });
}
