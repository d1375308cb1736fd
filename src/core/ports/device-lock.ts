/**
 * One change per device at a time. Implemented on Redis (SET NX PX + renewal) so a dead worker's lock
 * expires by itself. Covers mutual exclusion only; waiting and re-queueing are the runner's job.
 */
export interface DeviceLockHandle {
  /** Stops renewal and deletes the lock if this holder still owns it. */
  release(): Promise<void>;
  /** True while renewals succeed; false once the lock was lost (e.g. Redis lost it). */
  readonly held: boolean;
}

export type DeviceLockResult =
  | { acquired: true; handle: DeviceLockHandle }
  | { acquired: false; holder: { runId: string; executionId: string } | null };

export interface DeviceLock {
  acquire(deviceId: string, holder: { runId: string; executionId: string }): Promise<DeviceLockResult>;
  /** Removes a lock whatever its holder (used by the reconciler for executions that ended). */
  forceRelease(deviceId: string, holder: { runId: string; executionId: string }): Promise<void>;
}
