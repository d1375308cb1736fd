import type { FastifyRequest } from 'fastify';
import { parseRunRef } from '../../../core/commands/run-ref.ts';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { fillConfigDiffs, hasConfigChange, snapshotPairs } from './run-config-diffs.ts';
import { RunDetailCache } from './run-detail-cache.ts';
import { runDetailView, type RunTab } from './run-view-model.ts';

/** One cache per database client (tests build many app contexts in one process). */
const caches = new WeakMap<object, RunDetailCache>();

/**
 * Builds the run page's model; also used by the action routes to answer with the fresh live partial.
 * The run comes from the repository like getRunDetail's; config diffs are only computed for the diff tab
 * (and cached by content), because the page and its 2-second polls would otherwise re-diff every device.
 * A finished run's detail comes from a per-client cache checked against a fingerprint (run-detail-cache.ts).
 */
export async function loadRunView(ctx: AppContext, req: FastifyRequest, ref: string, tab: RunTab) {
  const runRef = parseRunRef(ref);
  const prisma = ctx.db.prisma;
  const cache = caches.get(prisma) ?? caches.set(prisma, new RunDetailCache(prisma)).get(prisma)!;
  const run = await cache.detail(runRef, (r) => ctx.runs.detail(r));
  if (!run) throw new NetOpsError('RUN_NOT_FOUND', `No run ${'number' in runRef ? `#${runRef.number}` : runRef.id}.`, { field: 'run' });
  const pairs = await snapshotPairs(ctx.configSnapshots, run);
  if (tab === 'diff') await fillConfigDiffs(ctx.configSnapshots, run, pairs);
  return runDetailView(run, req.user!, {
    allowSelfApproval: ctx.config.ALLOW_SELF_APPROVAL, tab,
    diffCount: run.executions.filter((e) => hasConfigChange(e.deviceName, pairs.get(e.id))).length,
    snapshots: [...pairs.values()].map((p) => p.after).join(','),
  });
}
