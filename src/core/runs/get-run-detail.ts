import { NetOpsError } from '../errors/index.ts';
import type { RunRef, RunRepository } from '../ports/run-repository.ts';
import { configDiff } from './config-diff.ts';
import type { RunDetail } from './run-records.ts';

/**
 * A run with its executions, command results and each device's config diff (before → after).
 * `diffNoise`: lines to ignore in diffs (the platform drivers' lists); defaults to the common ones.
 */
export async function getRunDetail(deps: { runs: RunRepository; diffNoise?: readonly RegExp[] }, ref: RunRef): Promise<RunDetail> {
  const run = await deps.runs.detail(ref);
  if (!run) throw new NetOpsError('RUN_NOT_FOUND', `No run ${'number' in ref ? `#${ref.number}` : ref.id}.`, { field: 'run' });
  const snapshots = await deps.runs.beforeAfterSnapshots(run.executions.map((e) => e.id));
  for (const e of run.executions) {
    const pair = snapshots.get(e.id);
    e.diff = pair?.before != null && pair.after != null ? configDiff(e.deviceName, pair.before, pair.after, deps.diffNoise) : null;
  }
  return run;
}
