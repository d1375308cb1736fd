import { NetOpsError } from '../errors/index.ts';
import type { ScheduleRepository } from '../ports/schedule-repository.ts';
import type { ScheduleRecord } from './schedule-records.ts';

/** The schedule with this id or name, or NOT_FOUND. */
export async function requireSchedule(schedules: ScheduleRepository, ref: string): Promise<ScheduleRecord> {
  const schedule = await schedules.find(ref);
  if (!schedule) throw new NetOpsError('NOT_FOUND', `No schedule "${ref}".`, { field: 'id' });
  return schedule;
}
