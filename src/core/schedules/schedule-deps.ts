import type { DeviceRepository } from '../ports/device-repository.ts';
import type { ScheduleRepository } from '../ports/schedule-repository.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import type { WorkflowRepository } from '../ports/workflow-repository.ts';
import type { RequestRunResult, RunRequest } from '../runs/request-run.ts';
import type { ScheduleTimer } from './schedule-timer.ts';

/** What the schedule use cases need; the composition root builds it once. */
export interface ScheduleDeps {
  schedules: ScheduleRepository;
  timer: ScheduleTimer;
  workflows: WorkflowRepository;
  devices: DeviceRepository;
  users: Pick<UserRepository, 'findById'>;
  /** requestRun bound to its dependencies: each fire goes through the same checks as any run. */
  requestRun: (request: RunRequest) => Promise<RequestRunResult>;
  now?: () => Date;
}
