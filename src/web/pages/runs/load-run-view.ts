import type { FastifyRequest } from 'fastify';
import { parseRunRef } from '../../../core/commands/run-ref.ts';
import { getRunDetail } from '../../../core/runs/get-run-detail.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { runDetailView, type RunTab } from './run-view-model.ts';

/** Builds the run page's model; also used by the action routes to answer with the fresh live partial. */
export async function loadRunView(ctx: AppContext, req: FastifyRequest, ref: string, tab: RunTab) {
  const run = await getRunDetail(ctx, parseRunRef(ref));
  return runDetailView(run, req.user!, { allowSelfApproval: ctx.config.ALLOW_SELF_APPROVAL, tab });
}
