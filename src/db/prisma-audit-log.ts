import type { Logger } from 'pino';
import type { AuditEntry, AuditEntryInput, AuditLevel, AuditSource, AuditType } from '../core/audit/audit-entry.ts';
import { redactSecrets } from '../core/audit/redact-secrets.ts';
import type { AuditFilter, AuditLog } from '../core/ports/audit-log.ts';
import type { PrismaClient } from './prisma-client.ts';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(redactSecrets(v)));
const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

type Row = {
  id: string; createdAt: Date; level: string; type: string; action: string; actorName: string | null; source: string; ip: string | null;
  objectType: string | null; objectId: string | null; oldValue: string | null; newValue: string | null; message: string | null;
};

const toEntry = (r: Row): AuditEntry => ({
  id: r.id, createdAt: r.createdAt, level: r.level as AuditLevel, type: r.type as AuditType, action: r.action, actorName: r.actorName,
  source: r.source as AuditSource, ip: r.ip, objectType: r.objectType, objectId: r.objectId, oldValue: parse(r.oldValue), newValue: parse(r.newValue), message: r.message,
});

/** The audit log on the AuditEvent table. */
export class PrismaAuditLog implements AuditLog {
  constructor(private readonly prisma: PrismaClient, private readonly logger: Logger) {}

  async record(e: AuditEntryInput): Promise<void> {
    try {
      await this.prisma.auditEvent.create({
        data: {
          level: e.level ?? 'INFO', type: e.type, action: e.action, actorId: e.actor?.id ?? null, actorName: e.actor?.name ?? null,
          source: e.source, ip: e.ip ?? null, userAgent: e.userAgent ?? null, objectType: e.objectType ?? null, objectId: e.objectId ?? null,
          oldValue: json(e.oldValue), newValue: json(e.newValue), message: e.message ?? null,
        },
      });
    } catch (err) {
      // The change already happened; losing its audit line must be loud, but must not undo or fail it.
      this.logger.error({ action: e.action, err: err instanceof Error ? err.message : String(err) }, 'audit write failed');
    }
  }

  async list(f: AuditFilter, page: { page: number; perPage: number }): Promise<{ items: AuditEntry[]; total: number }> {
    const where = {
      ...(f.actor ? { actorName: f.actor } : {}), ...(f.source ? { source: f.source } : {}), ...(f.type ? { type: f.type } : {}),
      ...(f.level ? { level: f.level } : {}), ...(f.objectType ? { objectType: f.objectType } : {}), ...(f.objectId ? { objectId: f.objectId } : {}),
      ...(f.since || f.until ? { createdAt: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lte: f.until } : {}) } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.auditEvent.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.auditEvent.count({ where }),
    ]);
    return { total, items: rows.map(toEntry) };
  }

  async get(id: string): Promise<(AuditEntry & { userAgent: string | null }) | null> {
    const r = await this.prisma.auditEvent.findUnique({ where: { id } });
    return r ? { ...toEntry(r), userAgent: r.userAgent } : null;
  }
}
