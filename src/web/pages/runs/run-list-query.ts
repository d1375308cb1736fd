import { z } from 'zod';
import type { RunRepository } from '../../../core/ports/run-repository.ts';
import { RUN_SOURCES, RUN_STATUSES } from '../../../core/runs/run-status.ts';
import type { RunRecord } from '../../../core/runs/run-records.ts';
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
 * The runs list with the web's filters, the date range included. `to` is inclusive: runs of that whole day are listed.
 */
export async function listRunsForWeb(runs: RunRepository, q: RunListQuery, perPage = RUNS_PER_PAGE): Promise<{ items: RunRecord[]; total: number }> {
  return runs.list({
    status: q.status, source: q.source, requester: q.requester, workflow: q.workflow, device: q.device,
    createdFrom: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    createdBefore: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  }, { page: q.page, perPage });
}
