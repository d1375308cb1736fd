import type { ScheduleRecord } from '../schedules/schedule-records.ts';

export interface NewSchedule {
  name: string;
  workflowId: string;
  target: string;
  params: Record<string, string | number | boolean>;
  cron: string;
  timezone: string;
  enabled: boolean;
  createdById: string;
  approved: boolean;
}

/** Schedules. Storage only: cron checks, workflow checks and arming the timer live in core. */
export interface ScheduleRepository {
  list(): Promise<ScheduleRecord[]>;
  /** By id or by name. */
  find(ref: string): Promise<ScheduleRecord | null>;
  /** Throws ALREADY_EXISTS when the name is taken. */
  create(input: NewSchedule): Promise<ScheduleRecord>;
  update(id: string, changes: Partial<NewSchedule>): Promise<ScheduleRecord>;
  delete(id: string): Promise<boolean>;
  /** Records that a fire created a run. */
  markFired(id: string, at: Date): Promise<void>;
}
