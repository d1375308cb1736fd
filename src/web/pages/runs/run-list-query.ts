import { z } from 'zod';
import { RUN_SOURCES, RUN_STATUSES } from '../../../core/runs/run-status.ts';
import type { RunRecord } from '../../../core/runs/run-records.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';
import { RUN_INCLUDE, toRunRecord } from '../../../db/run-mappers.ts';
import { optionalDay, optionalText, pageNumber } from '../../render/form-values.ts';

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional());

/** The runs list filters as they arrive in the query string (empty inputs mean "any"). */
export const runListQuery = z.object({
  page: pageNumber,
  status: optionalEnum(RUN_STATUSES),
  workflow: optionalText(),
  device: optionalText(),
  requester: optionalText(),
  source: optionalEnum(RUN_SOURCES),
  from: optionalDay,
  to: optionalDay,
});
export type RunListQuery = z.infer<typeof runListQuery>;

export const RUNS_PER_PAGE = 25;

/**
 * The runs list with the web's filters, including a date range the repository's filter lacks.
 * `to` is inclusive: runs of that whole day are listed.
 */
export async function listRunsForWeb(prisma: PrismaClient, q: RunListQuery, perPage = RUNS_PER_PAGE): Promise<{ items: RunRecord[]; total: number }> {
  const createdAt = {
    ...(q.from ? { gte: new Date(`${q.from}T00:00:00Z`) } : {}),
    ...(q.to ? { lt: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
  };
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.requester ? { requesterName: q.requester } : {}),
    ...(q.workflow ? { workflow: { name: q.workflow } } : {}),
    ...(q.device ? { executions: { some: { deviceName: q.device } } } : {}),
    ...(q.from || q.to ? { createdAt } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.run.findMany({ where, include: RUN_INCLUDE, orderBy: { number: 'desc' }, skip: (q.page - 1) * perPage, take: perPage }),
    prisma.run.count({ where }),
  ]);
  return { items: rows.map(toRunRecord), total };
}
