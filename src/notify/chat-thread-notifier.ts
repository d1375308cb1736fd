import type { RunEvent } from '../core/runs/run-events.ts';
import type { RunDetail } from '../core/runs/run-records.ts';

/**
 * Keeps a run's chat thread in step with the run: posts the parent message (once), edits it as the
 * status changes, posts stage results as threaded replies. One implementation per platform.
 * `handle` may be called again for the same event (retries, several workers): it must not post twice —
 * use `ChatThreadMemory.claim` for anything that posts.
 */
export interface ChatThreadNotifier {
  readonly platform: 'slack' | 'discord';
  handle(event: RunEvent, run: RunDetail): Promise<void>;
}
