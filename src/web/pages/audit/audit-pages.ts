import type { FastifyInstance } from 'fastify';
import { AUDIT_LEVELS, AUDIT_SOURCES, AUDIT_TYPES } from '../../../core/audit/audit-entry.ts';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';
import { pagerFor } from '../../render/pager.ts';
import { auditEntryView } from './audit-entry-view.ts';
import { AUDIT_PER_PAGE, auditFilterOf, auditListQuery } from './audit-query.ts';

/**
 * GET /audit — who changed what, newest first, with filters (the form swaps #audit-table);
 * GET /audit/:id — one entry with its old → new values as a coloured diff. Approvers and admins only,
 * like GET /api/v1/logs: entries show IP addresses and the values of every change.
 */
export async function auditPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const approver = { preHandler: requirePageRole('approver', 'reading the audit log') };

  app.get('/audit', approver, async (req, reply) => {
    const q = auditListQuery.parse(req.query);
    const { items, total } = await ctx.audit.list(auditFilterOf(q), { page: q.page, perPage: AUDIT_PER_PAGE });
    const { page: _page, ...filters } = q;
    const data = { entries: items.map((e) => auditEntryView(e, { withDiff: false })), filters, pager: pagerFor('/audit', filters, q.page, AUDIT_PER_PAGE, total) };
    if (htmxTarget(req) === 'audit-table') return renderPartial(req, reply, 'audit/audit-table', data);
    return renderPage(req, reply, 'audit/list', { title: 'Audit log', nav: 'audit', ...data, sources: AUDIT_SOURCES, types: AUDIT_TYPES, levels: AUDIT_LEVELS });
  });

  app.get<{ Params: { id: string } }>('/audit/:id', approver, async (req, reply) => {
    const entry = await ctx.audit.get(req.params.id);
    if (!entry) throw new NetOpsError('NOT_FOUND', 'No such audit entry.');
    const view = { entry: { ...auditEntryView(entry, { withDiff: true }), userAgent: entry.userAgent } };
    if (htmxTarget(req) === 'audit-entry') return renderPartial(req, reply, 'audit/audit-entry', view);
    return renderPage(req, reply, 'audit/detail', { title: `Audit: ${entry.action}`, nav: 'audit', ...view });
  });
}
