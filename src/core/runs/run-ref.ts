import { NetOpsError } from '../errors/index.ts';
import type { RunRef } from '../ports/run-repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "42", "#42" or a run's UUID. */
export function parseRunRef(text: string, field = 'run'): RunRef {
  const t = text.trim().replace(/^#/, '');
  if (/^\d{1,9}$/.test(t)) return { number: Number(t) };
  if (UUID.test(t)) return { id: t.toLowerCase() };
  throw new NetOpsError('VALIDATION_FAILED', `${field} must be a run number (42 or #42) or a run id (UUID), got "${text}".`, { field });
}
