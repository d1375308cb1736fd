import type { RunEvent } from '../runs/run-events.ts';

/**
 * Where the core announces run events. The composition root fans them out to chat threads,
 * webhooks and live pages. Publishing must not throw into the run: adapters log their own failures.
 */
export interface EventPublisher {
  publish(event: RunEvent): Promise<void>;
}
