/** A schedule as stored: `params` are kept as given and validated again by every run it creates. */
export interface ScheduleRecord {
  id: string;
  name: string;
  workflowId: string;
  workflowName: string;
  target: string;
  params: Record<string, string | number | boolean>;
  cron: string;
  timezone: string;
  enabled: boolean;
  /** The owner: runs are requested as this user. Null when the user was deleted. */
  createdById: string | null;
  createdByName: string | null;
  /** The owner was an approver when the schedule's what/where was last set: runs skip pending_approval. */
  approved: boolean;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
