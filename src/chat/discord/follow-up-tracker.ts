import type { Logger } from 'pino';

/** Background work started after an interaction was answered: errors are logged, stop() waits for it. */
export class FollowUpTracker {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(work: () => Promise<void>, context: Record<string, unknown>): void {
    const p = work()
      .catch((err: unknown) => this.logger.error({ ...context, err: err instanceof Error ? err.message : String(err) }, 'Discord follow-up failed'))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves once nothing is running (or after `timeoutMs`). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now())))]);
    }
  }
}
