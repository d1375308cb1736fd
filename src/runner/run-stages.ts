import type { Logger } from 'pino';
import type { DeviceLockHandle } from '../core/ports/device-lock.ts';
import type { DeviceSession } from '../core/ports/device-session.ts';
import type { ExecutionRecord, RunRecord } from '../core/runs/run-records.ts';
import { maskConfigSecrets } from '../core/runs/mask-config-secrets.ts';
import type { Stage } from '../core/runs/run-status.ts';
import type { RenderedStages } from '../core/workflows/render-stages.ts';
import type { ExecutionJournal } from './execution-journal.ts';
import type { ExecutionProcessorDeps, ProcessResult } from './execution-processor.ts';
import { runStage, type StageOutcome } from './stage-runner.ts';

export interface StagesInput {
  deps: ExecutionProcessorDeps;
  run: RunRecord;
  execution: ExecutionRecord & { deviceId: string };
  journal: ExecutionJournal;
  session: DeviceSession;
  rendered: RenderedStages;
  lock: DeviceLockHandle;
  logger: Logger;
}

const hasConfig = (r: RenderedStages) => (['implementation', 'post_check', 'rollback'] as Stage[]).some((s) => r[s].some((st) => st.mode === 'config'));

/** pre_check → implementation → post_check, rollback on failure; snapshots around a change. */
export async function runStages(input: StagesInput): Promise<ProcessResult> {
  const { deps, run, execution, journal, session, rendered } = input;
  const changesConfig = !run.dryRun && hasConfig(rendered);
  let before: string | null = null;
  const readConfig = async () => {
    const config = await session.runningConfig();
    return deps.keepConfigSecrets ? config : maskConfigSecrets(config);
  };
  if (changesConfig) {
    before = await readConfig();
    await deps.runs.saveSnapshot({ deviceId: execution.deviceId, executionId: execution.id, kind: 'before', content: before });
  }
  const stage = async (name: Stage): Promise<StageOutcome> => {
    await journal.progress({ currentStage: name });
    const outcome = await runStage(
      {
        executionId: execution.id, session, runs: deps.runs, logger: input.logger, keepSecrets: deps.keepConfigSecrets,
        onConfigSent: (cmd) => journal.markChangeSent(cmd),
        // Rollback is never cut short by a cancel: it is what makes a cancel safe.
        shouldStop: async () =>
          name !== 'rollback' && (!input.lock.held || (await deps.runs.runStatus(run.id)) === 'cancelled'),
      },
      name, rendered[name],
    );
    await journal.publish('execution.stage_completed', {
      stage: name,
      summary: `${execution.deviceName}: ${name} ${outcome.ok ? 'passed' : 'failed'} (${outcome.commands} command${outcome.commands === 1 ? '' : 's'})${outcome.reason ? ` — ${outcome.reason}` : ''}`,
      data: { ok: outcome.ok, commands: outcome.commands },
    });
    return outcome;
  };

  const pre = await stage('pre_check');
  if (!pre.ok) return finishFailed(journal, pre, 'pre_check');
  if (run.dryRun) {
    for (const name of ['implementation', 'post_check', 'rollback'] as const) await recordSkipped(input, name);
    await journal.finish(['running'], 'succeeded', { currentStage: null, summary: `${execution.deviceName}: dry run passed pre_check` });
    return { kind: 'finished', status: 'succeeded' };
  }

  const impl = await stage('implementation');
  const post = impl.ok ? await stage('post_check') : null;
  if (impl.ok && post?.ok) {
    await snapshotAfter(input, before);
    await journal.finish(['running'], 'succeeded', { currentStage: null });
    return { kind: 'finished', status: 'succeeded' };
  }
  const failed = post ?? impl;
  const failedStage: Stage = post ? 'post_check' : 'implementation';
  if (!journal.changeStarted) return finishFailed(journal, failed, failedStage);
  if (failed.errorCode === 'SESSION_CLOSED' || failed.errorCode === 'COMMAND_TIMEOUT') {
    // The session is gone or stuck mid-change: rollback over it would be blind.
    await journal.finish(['running'], 'interrupted', { errorCode: failed.errorCode, error: `${failedStage} failed mid-change: ${failed.reason}. Check the device.` });
    return { kind: 'finished', status: 'interrupted' };
  }
  const why = `${failedStage} failed: ${failed.reason}`;
  if (rendered.rollback.length === 0) {
    await snapshotAfter(input, before);
    await journal.finish(['running'], 'rollback_failed', { errorCode: failed.errorCode, error: `${why}; the workflow has no rollback stage, the device may be partly changed` });
    return { kind: 'finished', status: 'rollback_failed' };
  }
  const rb = await stage('rollback');
  await snapshotAfter(input, before);
  const status = rb.ok ? 'rolled_back' : 'rollback_failed';
  await journal.finish(['running'], status, {
    currentStage: null, errorCode: failed.errorCode,
    error: rb.ok ? `${why}; rolled back` : `${why}; rollback failed too: ${rb.reason}`,
  });
  return { kind: 'finished', status };
}

async function finishFailed(journal: ExecutionJournal, outcome: StageOutcome, stage: Stage): Promise<ProcessResult> {
  const status = outcome.errorCode === 'CANCELLED' ? 'cancelled' : 'failed';
  await journal.finish(['running'], status, { errorCode: outcome.errorCode, error: `${stage} failed: ${outcome.reason}; nothing was changed` });
  return { kind: 'finished', status };
}

async function recordSkipped(input: StagesInput, stage: Stage): Promise<void> {
  for (const step of input.rendered[stage]) {
    for (const command of step.mode === 'exec' ? [step.command] : step.commands) {
      await input.deps.runs.addCommandResult({
        executionId: input.execution.id, stage, mode: step.mode, command, output: '', durationMs: 0,
        verdict: 'skipped', check: step.mode === 'exec' ? step.expect : null, reason: 'dry run: not sent', errorMarker: null,
      });
    }
  }
}

async function snapshotAfter(input: StagesInput, before: string | null): Promise<void> {
  if (before === null) return;
  const raw = await input.session.runningConfig();
  const after = input.deps.keepConfigSecrets ? raw : maskConfigSecrets(raw);
  await input.deps.runs.saveSnapshot({ deviceId: input.execution.deviceId, executionId: input.execution.id, kind: 'after', content: after });
  if (after !== before) await input.journal.publish('device.config_changed', { summary: `${input.execution.deviceName}: running config changed` });
}
