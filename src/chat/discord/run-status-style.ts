import type { RunStatus } from '../../core/runs/run-status.ts';

/** How a run status looks in Discord: an emoji, words, and the embed's colour bar. */
export const RUN_STATUS_STYLE: Readonly<Record<RunStatus, { emoji: string; label: string; color: number }>> = {
  pending_approval: { emoji: '⏳', label: 'Waiting for approval', color: 0xf0b232 },
  approved: { emoji: '👍', label: 'Approved', color: 0x5865f2 },
  rejected: { emoji: '🚫', label: 'Rejected', color: 0xda373c },
  expired: { emoji: '⌛', label: 'Approval expired', color: 0x80848e },
  queued: { emoji: '🕒', label: 'Queued', color: 0x5865f2 },
  running: { emoji: '⚙️', label: 'Running', color: 0x5865f2 },
  succeeded: { emoji: '✅', label: 'Succeeded', color: 0x23a55a },
  failed: { emoji: '❌', label: 'Failed', color: 0xda373c },
  partially_failed: { emoji: '⚠️', label: 'Partially failed', color: 0xf0b232 },
  cancelled: { emoji: '⏹️', label: 'Cancelled', color: 0x80848e },
};

/** Discord renders `<t:unix:R>` as "in 5 minutes" / "2 hours ago" in each reader's locale. */
export function relativeTime(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:R>`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
