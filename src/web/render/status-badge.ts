/** Colour family of a status word; the badge always shows the word too (colour is never the only signal). */
export type BadgeTone = 'ok' | 'bad' | 'warn' | 'busy' | 'wait' | 'idle';

const TONES: Record<string, BadgeTone> = {
  succeeded: 'ok', passed: 'ok', online: 'ok', active: 'ok', approved: 'ok',
  failed: 'bad', error: 'bad', rejected: 'bad', rollback_failed: 'bad', offline: 'bad', interrupted: 'bad', disabled: 'bad',
  partially_failed: 'warn', rolled_back: 'warn', expired: 'warn', locked: 'warn',
  running: 'busy', queued: 'wait', pending: 'wait', retrying: 'warn', enabled: 'ok', revoked: 'idle', waiting_for_device: 'wait', pending_approval: 'wait', draft: 'wait',
  cancelled: 'idle', skipped: 'idle', unknown: 'idle', archived: 'idle',
};

export function badgeTone(status: string): BadgeTone {
  return TONES[status] ?? 'idle';
}

/** `pending_approval` → `pending approval`. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}
