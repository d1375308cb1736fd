import type { Logger } from 'pino';
import { asNetOpsError } from '../core/errors/index.ts';
import type { DeviceSession } from '../core/ports/device-session.ts';
import type { RunRepository } from '../core/ports/run-repository.ts';
import { maskConfigSecrets } from '../core/runs/mask-config-secrets.ts';
import type { Stage } from '../core/runs/run-status.ts';
import { evaluateCheck } from '../core/workflows/output-checks.ts';
import type { RenderedStep } from '../core/workflows/render-stages.ts';

export interface StageOutcome {
  ok: boolean;
  /** Commands that produced a result in this stage. */
  commands: number;
  /** Why the stage failed: the first failed check, error marker or exception. */
  reason: string | null;
  errorCode: string | null;
  /** True once any config command of this stage left for the device. */
  changeSent: boolean;
}

export interface StageContext {
  executionId: string;
  session: DeviceSession;
  runs: RunRepository;
  logger: Logger;
  /** Called right before a config command is written (the runner records that a change began). */
  onConfigSent(command: string): Promise<void>;
  /** Checked between commands: true stops the stage (cancellation). */
  shouldStop(): Promise<boolean>;
  /** SNAPSHOT_KEEP_SECRETS: store outputs as the device printed them (otherwise config secrets are masked). */
  keepSecrets: boolean;
}

/** Runs one stage's steps in order, storing every command result as it completes; stops at the first failure. */
export async function runStage(ctx: StageContext, stage: Stage, steps: readonly RenderedStep[]): Promise<StageOutcome> {
  const outcome: StageOutcome = { ok: true, commands: 0, reason: null, errorCode: null, changeSent: false };
  // Checks run on the raw output; what is stored (output, and the reason that quotes it) is masked like snapshots.
  const stored = (text: string): string => (ctx.keepSecrets ? text : maskConfigSecrets(text));
  for (const step of steps) {
    if (await ctx.shouldStop()) return { ...outcome, ok: false, reason: 'cancelled', errorCode: 'CANCELLED' };
    try {
      if (step.mode === 'exec') {
        const out = await ctx.session.run(step.command);
        const check = evaluateCheck(step.expect, out.output);
        const verdict = out.errorMarker ? 'error' : check.passed ? 'passed' : 'failed';
        const rawReason = out.errorMarker ? `device reported: ${out.errorMarker}` : check.reason;
        const reason = rawReason === null ? null : stored(rawReason);
        // out.command is the session's masked copy: a secret typed into a param never reaches storage.
        await ctx.runs.addCommandResult({
          executionId: ctx.executionId, stage, mode: 'exec', command: out.command, output: stored(out.output),
          durationMs: out.durationMs, verdict, check: step.expect, reason, errorMarker: out.errorMarker,
        });
        outcome.commands++;
        if (verdict !== 'passed') {
          return { ...outcome, ok: false, reason: `${out.command}: ${reason}`, errorCode: out.errorMarker ? 'COMMAND_ERROR' : 'CHECK_FAILED' };
        }
      } else {
        const outputs = await ctx.session.runConfig(step.commands, async (command) => {
          outcome.changeSent = true;
          await ctx.onConfigSent(command);
        });
        for (const out of outputs) {
          await ctx.runs.addCommandResult({
            executionId: ctx.executionId, stage, mode: 'config', command: out.command, output: stored(out.output),
            durationMs: out.durationMs, verdict: out.errorMarker ? 'error' : 'passed', check: null,
            reason: out.errorMarker ? `device reported: ${out.errorMarker}` : null, errorMarker: out.errorMarker,
          });
          outcome.commands++;
          if (out.errorMarker) {
            return { ...outcome, ok: false, reason: `${out.command}: device reported ${out.errorMarker}`, errorCode: 'COMMAND_ERROR' };
          }
        }
      }
    } catch (err) {
      const e = asNetOpsError(err);
      ctx.logger.warn({ stage, code: e.code, err: e.message }, 'stage command failed');
      // Keep the record complete: the step that broke gets a result row saying why.
      await ctx.runs.addCommandResult({
        executionId: ctx.executionId, stage, mode: step.mode,
        command: step.mode === 'exec' ? step.command : step.commands.join('\n'), output: '', durationMs: 0,
        verdict: 'error', check: null, reason: `${e.code}: ${e.message}`, errorMarker: null,
      });
      outcome.commands++;
      return { ...outcome, ok: false, reason: e.message, errorCode: e.code };
    }
  }
  return outcome;
}
