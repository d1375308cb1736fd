import type { Logger } from 'pino';

interface ErrorSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** At most one line per queue in this window while Redis stays down. */
export const QUEUE_ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Sends a BullMQ Queue's or Worker's 'error' events to the log, throttled. Without a listener BullMQ
 * writes each one to console.error (every reconnect attempt while Redis is down); /readyz and the Redis
 * connection's own throttled line already say Redis is away, so one line per window is enough.
 */
export function logQueueErrors(source: ErrorSource, queue: string, logger: Pick<Logger, 'warn'>, now: () => number = Date.now): void {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  source.on('error', (err: Error) => {
    if (now() - last < QUEUE_ERROR_LOG_INTERVAL_MS) {
      suppressed++;
      return;
    }
    last = now();
    logger.warn({ queue, err: err.message, ...(suppressed > 0 ? { suppressed } : {}) }, 'queue error (Redis); retrying');
    suppressed = 0;
  });
}
