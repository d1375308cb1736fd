import { z } from 'zod';
import { RUN_EVENT_TYPES } from '../runs/run-events.ts';

const GROUPS = [...new Set(RUN_EVENT_TYPES.map((t) => t.split('.')[0]))];

/** One entry of a webhook's event list: an event name (`run.completed`) or a group (`execution.*`). */
export const eventFilterEntrySchema = z
  .string()
  .refine((v) => (RUN_EVENT_TYPES as readonly string[]).includes(v) || GROUPS.some((g) => v === `${g}.*`), {
    message: `must be one of ${RUN_EVENT_TYPES.join(', ')} or ${GROUPS.map((g) => `${g}.*`).join(', ')}`,
  });

/** Whether a webhook subscribed to `filter` wants `eventType`; an empty filter wants every event. */
export function matchesEventFilter(filter: readonly string[], eventType: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((f) => f === eventType || (f.endsWith('.*') && eventType.startsWith(f.slice(0, -1))));
}
