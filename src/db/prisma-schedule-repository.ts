import { NetOpsError } from '../core/errors/index.ts';
import type { NewSchedule, ScheduleRepository } from '../core/ports/schedule-repository.ts';
import type { ScheduleRecord } from '../core/schedules/schedule-records.ts';
import type { PrismaClient } from './prisma-client.ts';

const INCLUDE = { workflow: { select: { name: true } }, createdBy: { select: { name: true } } } as const;

interface Row {
  id: string; name: string; workflowId: string; target: string; params: string; cron: string; timezone: string; enabled: boolean;
  createdById: string | null; approved: boolean; lastRunAt: Date | null; createdAt: Date; updatedAt: Date;
  workflow: { name: string }; createdBy: { name: string } | null;
}

const toRecord = (r: Row): ScheduleRecord => ({
  id: r.id, name: r.name, workflowId: r.workflowId, workflowName: r.workflow.name, target: r.target,
  params: JSON.parse(r.params) as ScheduleRecord['params'], cron: r.cron, timezone: r.timezone, enabled: r.enabled,
  createdById: r.createdById, createdByName: r.createdBy?.name ?? null, approved: r.approved, lastRunAt: r.lastRunAt,
  createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameTaken(err: unknown, name: string | undefined): never {
  if ((err as { code?: string }).code === 'P2002') throw new NetOpsError('ALREADY_EXISTS', `A schedule named "${name}" already exists.`, { field: 'name' });
  throw err;
}

/** Schedules on Prisma; params are stored as JSON text (portable across SQLite and PostgreSQL). */
export class PrismaScheduleRepository implements ScheduleRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<ScheduleRecord[]> {
    return (await this.prisma.schedule.findMany({ include: INCLUDE, orderBy: { name: 'asc' } })).map(toRecord);
  }

  async find(ref: string): Promise<ScheduleRecord | null> {
    const row = UUID.test(ref)
      ? await this.prisma.schedule.findUnique({ where: { id: ref }, include: INCLUDE })
      : await this.prisma.schedule.findUnique({ where: { name: ref }, include: INCLUDE });
    return row ? toRecord(row) : null;
  }

  async create(input: NewSchedule): Promise<ScheduleRecord> {
    const row = await this.prisma.schedule
      .create({ data: { ...input, params: JSON.stringify(input.params) }, include: INCLUDE })
      .catch((err: unknown) => nameTaken(err, input.name));
    return toRecord(row);
  }

  async update(id: string, changes: Partial<NewSchedule>): Promise<ScheduleRecord> {
    const { params, ...rest } = changes;
    const row = await this.prisma.schedule
      .update({ where: { id }, data: { ...rest, ...(params !== undefined ? { params: JSON.stringify(params) } : {}) }, include: INCLUDE })
      .catch((err: unknown) => nameTaken(err, changes.name));
    return toRecord(row);
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.schedule.deleteMany({ where: { id } });
    return count === 1;
  }

  async markFired(id: string, at: Date): Promise<void> {
    await this.prisma.schedule.updateMany({ where: { id }, data: { lastRunAt: at } });
  }
}
