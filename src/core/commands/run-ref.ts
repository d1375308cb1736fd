import { NetOpsError } from '../errors/index.ts';
import { RUN_REF_FORMS } from './help-text.ts';

/** How a user names a run: its number (`42`, `#42`) or its id (a UUID). */
export type RunRef = { number: number } | { id: string };

const RUN_NUMBER = /^#?([1-9][0-9]{0,14})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null when the text is not a run reference. */
export function tryParseRunRef(text: string): RunRef | null {
  const number = RUN_NUMBER.exec(text.trim());
  if (number?.[1]) return { number: Number(number[1]) };
  return UUID.test(text.trim()) ? { id: text.trim().toLowerCase() } : null;
}

export function parseRunRef(text: string): RunRef {
  const ref = tryParseRunRef(text);
  if (!ref) throw new NetOpsError('VALIDATION_FAILED', `Not a run reference: ${JSON.stringify(text.slice(0, 60))}. Use ${RUN_REF_FORMS}.`, { issues: [{ field: 'run', message: `must be ${RUN_REF_FORMS}` }] });
  return ref;
}

export function formatRunRef(ref: RunRef): string {
  return 'number' in ref ? `#${ref.number}` : ref.id;
}
