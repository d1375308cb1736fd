import type { RunDetail } from '../../../core/runs/run-records.ts';
import { configDiff } from '../../../core/runs/config-diff.ts';
import type { ConfigSnapshotReader } from '../../../core/ports/config-snapshots.ts';

/** The before → after snapshot hashes of one execution (what getRunDetail diffs: first before, last after). */
export interface SnapshotPair {
  before: string;
  after: string;
}

/**
 * Config diffs by content: a diff of two snapshots never changes, so it is computed once per process.
 * Bounded by total size; the oldest entries go first.
 */
class DiffCache {
  private readonly entries = new Map<string, string | null>();
  private size = 0;
  constructor(private readonly maxChars: number) {}

  get(key: string): string | null | undefined {
    return this.entries.get(key);
  }

  set(key: string, diff: string | null): void {
    this.entries.set(key, diff);
    this.size += key.length + (diff?.length ?? 0);
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(k);
      this.size -= k.length + (v?.length ?? 0);
    }
  }
}

const cache = new DiffCache(20_000_000);
const keyOf = (device: string, p: SnapshotPair) => `${device}\u0000${p.before}\u0000${p.after}`;

/**
 * Each execution's snapshot pair from ONE query over hashes only (getRunDetail reads every snapshot's
 * content, one query per execution, and diffs them all on every call: ~120 ms for 100 devices).
 */
export async function snapshotPairs(snapshots: ConfigSnapshotReader, run: RunDetail): Promise<Map<string, SnapshotPair>> {
  const rows = await snapshots.executionSnapshotHashes(run.executions.map((e) => e.id));
  const pairs = new Map<string, SnapshotPair>();
  for (const e of run.executions) {
    const own = rows.filter((r) => r.executionId === e.id);
    const before = own.find((r) => r.kind === 'before');
    const after = own.findLast((r) => r.kind === 'after');
    if (before && after) pairs.set(e.id, { before: before.hash, after: after.hash });
  }
  return pairs;
}

/** Whether an execution changed the config: exact once its diff was computed, else "the content differs". */
export function hasConfigChange(device: string, pair: SnapshotPair | undefined): boolean {
  if (!pair) return false;
  const known = cache.get(keyOf(device, pair));
  return known === undefined ? pair.before !== pair.after : known !== null;
}

/** Fills `diff` on every execution (same result as getRunDetail), reading only the blobs not yet diffed. */
export async function fillConfigDiffs(snapshots: ConfigSnapshotReader, run: RunDetail, pairs: Map<string, SnapshotPair>): Promise<void> {
  const missing = run.executions.filter((e) => pairs.has(e.id) && cache.get(keyOf(e.deviceName, pairs.get(e.id)!)) === undefined);
  const hashes = [...new Set(missing.flatMap((e) => [pairs.get(e.id)!.before, pairs.get(e.id)!.after]))];
  const blobs = await snapshots.blobContents(hashes);
  for (const e of missing) {
    const p = pairs.get(e.id)!;
    cache.set(keyOf(e.deviceName, p), configDiff(e.deviceName, blobs.get(p.before) ?? '', blobs.get(p.after) ?? ''));
  }
  for (const e of run.executions) {
    const p = pairs.get(e.id);
    e.diff = p ? cache.get(keyOf(e.deviceName, p)) ?? null : null;
  }
}
