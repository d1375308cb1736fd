/**
 * Makes schedules fire (BullMQ job schedulers in src/queue, keyed by schedule id). Arming an armed
 * schedule replaces its timing; disarming removes it and its next pending fire.
 */
export interface ScheduleTimer {
  arm(schedule: { id: string; cron: string; timezone: string }): Promise<void>;
  disarm(scheduleId: string): Promise<void>;
  /** Ids of every armed schedule (to remove those whose schedule is gone). */
  armedIds(): Promise<string[]>;
}
