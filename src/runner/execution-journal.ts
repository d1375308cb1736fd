import type { Logger } from 'pino';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { ExecutionPatch, RunRepository } from '../core/ports/run-repository.ts';
import type { RunEventType } from '../core/runs/run-events.ts';
import type { ExecutionRecord, RunRecord } from '../core/runs/run-records.ts';
import type { ExecutionStatus } from '../core/runs/run-status.ts';
import type { ProcessResult } from './execution-processor.ts';

const EVENT_FOR: Partial<Record<ExecutionStatus, RunEventType>> = {
  succeeded: 'execution.succeeded',
  failed: 'execution.failed',
  rolled_back: 'execution.rolled_back',
  rollback_failed: 'execution.failed',
  interrupted: 'execution.interrupted',
  cancelled: 'execution.failed',
};

/** Records one execution's transitions and announces them; every transition is conditional. */
export class ExecutionJournal {
  /** Set once the first config command left: from then on the execution is never re-run. */
  changeStarted: boolean;

  constructor(
    private readonly deps: { runs: RunRepository; events: EventPublisher },
    readonly run: RunRecord,
    readonly execution: ExecutionRecord,
    private readonly logger: Logger,
  ) {
    this.changeStarted = execution.changeStartedAt !== null;
  }

  async publish(type: RunEventType, extra: { summary?: string; stage?: ExecutionRecord['currentStage']; status?: ExecutionStatus; data?: Record<string, unknown> } = {}): Promise<void> {
    await this.deps.events.publish({
      type, runId: this.run.id, runNumber: this.run.number, at: new Date().toISOString(),
      executionId: this.execution.id, deviceName: this.execution.deviceName,
      ...(extra.stage ? { stage: extra.stage } : {}),
      ...(extra.status ? { executionStatus: extra.status } : {}),
      ...(extra.summary ? { summary: extra.summary } : {}),
      ...(extra.data ? { data: extra.data } : {}),
    });
  }

  async progress(patch: ExecutionPatch): Promise<void> {
    await this.deps.runs.updateRunningExecution(this.execution.id, patch);
  }

  async markChangeSent(command: string): Promise<void> {
    if (!this.changeStarted) {
      this.changeStarted = true;
      await this.progress({ changeStartedAt: new Date(), lastCommand: command });
    } else {
      await this.progress({ lastCommand: command });
    }
  }

  async finish(from: readonly ExecutionStatus[], to: ExecutionStatus, patch: ExecutionPatch & { summary?: string } = {}): Promise<boolean> {
    const { summary, ...rest } = patch;
    const moved = await this.deps.runs.transitionExecution(this.execution.id, from, to, { finishedAt: new Date(), ...rest });
    if (moved) {
      this.logger.info({ status: to, code: rest.errorCode }, `execution ${to}`);
      const type = EVENT_FOR[to];
      if (type) await this.publish(type, { status: to, summary: summary ?? `${this.execution.deviceName}: ${to}${rest.error ? ` — ${rest.error}` : ''}` });
    }
    return moved;
  }

  async fail(code: string, message: string): Promise<ProcessResult> {
    await this.finish(['running'], 'failed', { errorCode: code, error: message, currentStage: null });
    return { kind: 'finished', status: 'failed' };
  }

  /** An unexpected error: if config was already sent the device state is unknown, so a human must look. */
  async failOrInterrupt(code: string, message: string): Promise<ProcessResult> {
    if (!this.changeStarted) return this.fail(code, message);
    await this.finish(['running'], 'interrupted', { errorCode: code, error: `${message} — a change had begun; check the device` });
    return { kind: 'finished', status: 'interrupted' };
  }

  /** The worker that ran this died after config was sent: never re-send, hand it to a human. */
  async interrupt(): Promise<ProcessResult> {
    const last = (await this.deps.runs.execution(this.execution.id))?.lastCommand ?? this.execution.lastCommand;
    await this.finish(['running'], 'interrupted', {
      errorCode: 'WORKER_INTERRUPTED',
      error: `The worker stopped during ${this.execution.currentStage ?? 'the change'}; last command sent: ${last ?? 'unknown'}. Nothing was re-sent: check the device.`,
    });
    return { kind: 'finished', status: 'interrupted' };
  }

  async waitForDevice(holderRunId: string | null): Promise<ProcessResult> {
    const holder = holderRunId ? await this.deps.runs.get({ id: holderRunId }) : null;
    const moved = await this.deps.runs.transitionExecution(this.execution.id, ['queued'], 'waiting_for_device', { waitingForRunId: holderRunId });
    if (moved) {
      await this.publish('execution.waiting', {
        status: 'waiting_for_device',
        summary: `${this.execution.deviceName} is busy with run #${holder?.number ?? '?'}: waiting`,
        data: { holderRunNumber: holder?.number ?? null },
      });
    }
    return { kind: 'waiting', holderRunId };
  }
}
