import type { RunRef, RunRepository } from '../core/ports/run-repository.ts';
import type { RunDetail } from '../core/runs/run-records.ts';
import { isFinalRunStatus } from '../core/runs/run-status.ts';

const MARK: Record<string, string> = { passed: '✓', failed: '✗', error: '✗', skipped: '·' };

/**
 * Follows a run until it ends, printing each stage and command as its result is stored.
 * Polls the database (works whichever process runs the worker); `print` is null for --json.
 */
export async function watchRun(
  runs: RunRepository, ref: RunRef, print: ((line: string) => void) | null, opts: { intervalMs?: number; approvalHint?: string } = {},
): Promise<RunDetail> {
  const seen = new Set<string>();
  const lastStage = new Map<string, string>();
  const lastStatus = new Map<string, string>();
  let hinted = false;
  for (;;) {
    const run = await runs.detail(ref);
    if (!run) throw new Error('run disappeared');
    if (run.status === 'pending_approval' && !hinted) {
      hinted = true;
      // With --json stdout is for the JSON document: the hint goes to stderr.
      (print ?? ((l: string) => process.stderr.write(`${l}\n`)))(`Run #${run.number} needs approval (expires ${run.expiresAt?.toISOString() ?? 'never'}).${opts.approvalHint ? ` ${opts.approvalHint}` : ''}`);
    }
    for (const e of run.executions) {
      if (print && lastStatus.get(e.id) !== e.status && e.status === 'waiting_for_device') print(`[${e.deviceName}] waiting for the device (busy with another run)`);
      for (const c of e.commandResults) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        if (!print) continue;
        if (lastStage.get(e.id) !== c.stage) {
          lastStage.set(e.id, c.stage);
          print(`[${e.deviceName}] ${c.stage}`);
        }
        print(`  ${MARK[c.verdict] ?? '?'} ${c.mode === 'config' ? '(config) ' : ''}${c.command}  (${c.durationMs} ms)${c.reason ? ` — ${c.reason}` : ''}`);
        for (const line of c.output.split('\n').filter((l) => l.trim() !== '')) print(`      ${line}`);
      }
      if (print && lastStatus.get(e.id) !== e.status && e.finishedAt) print(`[${e.deviceName}] ${e.status}${e.error ? `: ${e.error}` : ''}`);
      lastStatus.set(e.id, e.status);
    }
    if (isFinalRunStatus(run.status)) {
      print?.(`Run #${run.number} ${run.status}.`);
      return run;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
