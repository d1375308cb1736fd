import type { RunRef } from '../../../core/commands/run-ref.ts';
import type { RunDetail } from '../../../core/runs/run-records.ts';
import { isFinalRunStatus, type RunStatus } from '../../../core/runs/run-status.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';

interface Entry {
  key: string;
  run: RunDetail;
  chars: number;
}

/**
 * Finished runs' details, so the run page and its fragments do not re-read (and re-map) every execution
 * and command output on each request: ~500 rows for 100 devices. An entry is used only while a cheap
 * fingerprint still matches — the run's and its executions' updatedAt, and the counts of executions and
 * command results — so a late write (an in-flight device of a cancelled run) shows at once. Bounded by
 * the size of the outputs held; the least recently used runs go first.
 */
export class RunDetailCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly prisma: PrismaClient, private readonly maxChars = 20_000_000) {}

  /** The run's detail from `load` or from the cache; a copy the caller may change (fillConfigDiffs sets `diff`). */
  async detail(ref: RunRef, load: (ref: RunRef) => Promise<RunDetail | null>): Promise<RunDetail | null> {
    const head = await this.prisma.run.findUnique({ where: 'id' in ref ? { id: ref.id } : { number: ref.number }, select: { id: true, status: true, updatedAt: true } });
    if (!head) return null;
    if (!isFinalRunStatus(head.status as RunStatus)) return load({ id: head.id });
    const key = await this.fingerprint(head.id, head.updatedAt);
    const hit = this.entries.get(head.id);
    if (hit && hit.key === key) {
      this.entries.delete(head.id);
      this.entries.set(head.id, hit);
      return copy(hit.run);
    }
    const run = await load({ id: head.id });
    if (run) this.remember(head.id, key, run);
    return run ? copy(run) : null;
  }

  private async fingerprint(runId: string, updatedAt: Date): Promise<string> {
    const [executions, commands] = await Promise.all([
      this.prisma.execution.aggregate({ where: { runId }, _count: { _all: true }, _max: { updatedAt: true } }),
      this.prisma.commandResult.count({ where: { execution: { runId } } }),
    ]);
    return [updatedAt.getTime(), executions._count._all, executions._max.updatedAt?.getTime() ?? 0, commands].join(':');
  }

  private remember(id: string, key: string, run: RunDetail): void {
    const chars = run.executions.reduce((n, e) => n + e.commandResults.reduce((m, c) => m + c.output.length + c.command.length + 200, 500), 1000);
    if (chars > this.maxChars / 4) return;
    const old = this.entries.get(id);
    if (old) this.chars -= old.chars;
    this.entries.delete(id);
    this.entries.set(id, { key, run, chars });
    this.chars += chars;
    for (const [k, v] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= v.chars;
    }
  }
}

/** A copy deep enough for the page: its own run and execution objects (command results are never changed). */
function copy(run: RunDetail): RunDetail {
  return { ...run, executions: run.executions.map((e) => ({ ...e })) };
}
