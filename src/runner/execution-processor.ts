import type { Logger } from 'pino';
import { asNetOpsError } from '../core/errors/index.ts';
import type { DeviceLock, DeviceLockHandle } from '../core/ports/device-lock.ts';
import type { DeviceRepository } from '../core/ports/device-repository.ts';
import type { DeviceConnector, DeviceEndpoint, DeviceSession, SessionTimeouts } from '../core/ports/device-session.ts';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { RunQueue } from '../core/ports/run-queue.ts';
import type { RunRepository } from '../core/ports/run-repository.ts';
import type { WorkflowRepository } from '../core/ports/workflow-repository.ts';
import type { ExecutionRecord, RunRecord } from '../core/runs/run-records.ts';
import { isFinalExecutionStatus } from '../core/runs/run-status.ts';
import { settleRun } from '../core/runs/settle-run.ts';
import { renderStages } from '../core/workflows/render-stages.ts';
import { isReadOnlyWorkflow } from '../core/workflows/workflow-guards.ts';
import { ExecutionJournal } from './execution-journal.ts';
import { runStages } from './run-stages.ts';

export interface ExecutionProcessorDeps {
  runs: RunRepository;
  devices: DeviceRepository;
  workflows: WorkflowRepository;
  connector: DeviceConnector;
  locks: DeviceLock;
  events: EventPublisher;
  queue: RunQueue;
  timeouts: SessionTimeouts;
  strictHostKeys: boolean;
  /** Read-only workflows run beside a change on the same device instead of waiting for its lock. */
  readOnlySharesDevice: boolean;
  /** Keep secrets in stored config snapshots (default false: masked). */
  keepConfigSecrets: boolean;
  fanoutConcurrency: number;
  stopAfterFailures: number;
  workerId: string;
  logger: Logger;
}

export type ProcessResult =
  | { kind: 'finished'; status: string }
  | { kind: 'waiting'; holderRunId: string | null }
  | { kind: 'skipped'; reason: string };

/**
 * Runs one execution (a run on one device). Safe to call again for the same id: a final execution is
 * skipped, and one found `running` (its worker died) is restarted only if no config was sent yet —
 * otherwise it becomes `interrupted` and nothing is re-sent.
 */
export async function processExecution(deps: ExecutionProcessorDeps, executionId: string): Promise<ProcessResult> {
  const execution = await deps.runs.execution(executionId);
  if (!execution) return { kind: 'skipped', reason: 'execution not found' };
  if (isFinalExecutionStatus(execution.status)) {
    // Its worker may have died between recording the outcome and freeing the device (or settling the run):
    // free the device if this execution still holds it, and settle, so neither waits for a lock TTL or the reconciler.
    if (execution.deviceId) await deps.locks.forceRelease(execution.deviceId, { runId: execution.runId, executionId });
    await settleRun(deps, execution.runId);
    return { kind: 'skipped', reason: `already ${execution.status}` };
  }
  const run = await deps.runs.get({ id: execution.runId });
  if (!run) return { kind: 'skipped', reason: 'run not found' };
  const logger = deps.logger.child({ runId: run.id, runNumber: run.number, executionId, device: execution.deviceName });
  const journal = new ExecutionJournal(deps, run, execution, logger);

  if (execution.status === 'running') {
    if (execution.changeStartedAt) {
      const result = await journal.interrupt();
      // The dead worker's device lock would otherwise block the device until it expires.
      if (execution.deviceId) await deps.locks.forceRelease(execution.deviceId, { runId: run.id, executionId });
      await settleRun(deps, run.id);
      return result;
    }
    logger.warn('execution was running on a worker that stopped before any change: restarting it');
    await deps.runs.transitionExecution(executionId, ['running'], 'queued', { currentStage: null });
  }
  const deviceId = execution.deviceId;
  if (deviceId === null) {
    await journal.finish(['queued', 'waiting_for_device', 'running'], 'failed', { errorCode: 'DEVICE_NOT_FOUND', error: `${execution.deviceName} was deleted before it ran` });
    await settleRun(deps, run.id);
    return { kind: 'finished', status: 'failed' };
  }
  if (run.status === 'cancelled') {
    await journal.finish(['queued', 'waiting_for_device'], 'cancelled', { error: 'run cancelled before this device started' });
    return { kind: 'finished', status: 'cancelled' };
  }

  const lock = (await sharesDevice(deps, run)) ? SHARED : await deps.locks.acquire(deviceId, { runId: run.id, executionId });
  if (!lock.acquired) return journal.waitForDevice(lock.holder?.runId ?? null);
  try {
    const started = await deps.runs.transitionExecution(executionId, ['queued', 'waiting_for_device'], 'running', {
      startedAt: new Date(), workerId: deps.workerId, attempt: execution.attempt + 1, waitingForRunId: null,
    });
    if (!started) return { kind: 'skipped', reason: 'another worker took it' };
    await journal.publish('execution.started', { summary: `${execution.deviceName}: connecting` });
    return await runOnDevice(deps, run, { ...execution, deviceId }, journal, lock.handle, logger);
  } finally {
    await lock.handle.release();
    // The oldest execution waiting for this device gets it now rather than at its next retry.
    const [next] = await deps.runs.waitingForDevice(deviceId).catch(() => []);
    if (next) await deps.queue.wakeExecution(next).catch(() => undefined);
    await settleRun(deps, run.id).catch((err: unknown) => logger.error({ err }, 'settling the run failed'));
  }
}

/** A read-only run (no config step, nothing destructive, no dry-run needed) skips the device lock when allowed. */
const SHARED = { acquired: true as const, handle: { held: true, release: async () => {} } };

async function sharesDevice(deps: ExecutionProcessorDeps, run: RunRecord): Promise<boolean> {
  if (!deps.readOnlySharesDevice) return false;
  const version = await deps.workflows.findVersion(run.workflowVersionId);
  return version !== null && isReadOnlyWorkflow(version.definition);
}

async function runOnDevice(
  deps: ExecutionProcessorDeps, run: RunRecord, execution: ExecutionRecord & { deviceId: string }, journal: ExecutionJournal,
  lock: DeviceLockHandle, logger: Logger,
): Promise<ProcessResult> {
  let session: DeviceSession;
  let jumpHostName: string | null = null;
  let platform: DeviceEndpoint['platform'];
  try {
    const endpoint = await deps.devices.endpoint(execution.deviceId);
    platform = endpoint.platform;
    jumpHostName = endpoint.jumpHost?.name ?? null;
    session = await deps.connector.connect(endpoint, deps.timeouts, { strictHostKeys: deps.strictHostKeys });
  } catch (err) {
    const e = asNetOpsError(err);
    await deps.devices.markSeen(execution.deviceId, 'offline').catch(() => undefined);
    return await journal.fail(e.code, `Could not connect to ${execution.deviceName}: ${e.message}`);
  }
  try {
    if (session.hostKeyWasUnknown) await deps.devices.pinHostKey(execution.deviceId, session.hostKeyFingerprint);
    // A bastion is pinned on first use too, so a swapped jump host is refused next time.
    const jump = jumpHostName && session.jumpHostKey?.wasUnknown ? await deps.devices.findByName(jumpHostName) : null;
    if (jump && session.jumpHostKey) await deps.devices.pinHostKey(jump.id, session.jumpHostKey.fingerprint);
    await deps.devices.markSeen(execution.deviceId, 'online');
    const version = await deps.workflows.findVersion(run.workflowVersionId);
    if (!version) return await journal.fail('WORKFLOW_NOT_FOUND', 'The workflow version of this run no longer exists.');
    const rendered = renderStages(version.definition, run.params, platform);
    return await runStages({ deps, run, execution, journal, session, rendered, lock, logger });
  } catch (err) {
    const e = asNetOpsError(err);
    logger.error({ code: e.code, err: e.message }, 'execution failed unexpectedly');
    // Awaited here, not returned: the finally below would otherwise run while its rejection has no handler.
    return await journal.failOrInterrupt(e.code, e.message);
  } finally {
    await session.close().catch(() => undefined);
  }
}
