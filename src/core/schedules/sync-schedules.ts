import type { ScheduleDeps } from './schedule-deps.ts';

/**
 * Makes the armed timers match the stored schedules: arms every enabled one (a no-op when already armed
 * the same way) and removes timers whose schedule is gone or disabled. Run at worker start, because
 * Redis may have lost its keys (a restart without persistence) while the database kept the schedules.
 */
export async function syncSchedules(deps: Pick<ScheduleDeps, 'schedules' | 'timer'>): Promise<{ armed: number; removed: number }> {
  const schedules = await deps.schedules.list();
  const enabled = schedules.filter((s) => s.enabled);
  for (const s of enabled) await deps.timer.arm(s);
  const keep = new Set(enabled.map((s) => s.id));
  const orphans = (await deps.timer.armedIds()).filter((id) => !keep.has(id));
  for (const id of orphans) await deps.timer.disarm(id);
  return { armed: enabled.length, removed: orphans.length };
}
