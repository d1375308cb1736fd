import type { Logger } from 'pino';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { RunEvent } from '../core/runs/run-events.ts';
import { withTimeout } from '../queue/with-timeout.ts';

/** A subscriber that takes longer is logged and left behind: events never hold up a run. */
const SUBSCRIBER_TIMEOUT_MS = 5000;

/** Sends each event to every subscriber; one failing subscriber never blocks a run or the others. */
export class FanoutPublisher implements EventPublisher {
  private readonly subscribers: EventPublisher[] = [];

  constructor(private readonly logger: Logger) {}

  add(subscriber: EventPublisher): this {
    this.subscribers.push(subscriber);
    return this;
  }

  async publish(event: RunEvent): Promise<void> {
    this.logger.info({ event: event.type, runId: event.runId, runNumber: event.runNumber, executionId: event.executionId }, event.summary ?? event.type);
    await Promise.all(
      this.subscribers.map((s) =>
        withTimeout(s.publish(event), SUBSCRIBER_TIMEOUT_MS, 'QUEUE_UNAVAILABLE', `event subscriber ${s.constructor.name}`).catch((err: unknown) =>
          this.logger.error({ event: event.type, runId: event.runId, err: err instanceof Error ? err.message : String(err) }, 'event subscriber failed'),
        ),
      ),
    );
  }
}
