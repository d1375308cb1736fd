import type { ExecutionDetail, RunDetail } from '../../core/runs/run-records.ts';
import { isFinalExecutionStatus, STAGES, type Stage } from '../../core/runs/run-status.ts';

export interface StageSummary {
  stage: Stage;
  passed: string[];
  failed: string[];
}

function doneWith(e: ExecutionDetail, stage: Stage): boolean {
  if (isFinalExecutionStatus(e.status)) return true;
  return e.currentStage !== null && STAGES.indexOf(e.currentStage) > STAGES.indexOf(stage);
}

/**
 * Stages of a fan-out run that every device is done with (finished, or moved past it) and that at least
 * one device ran: each gets one summary reply in the thread instead of one reply per device.
 */
export function readyStageSummaries(run: RunDetail): StageSummary[] {
  const out: StageSummary[] = [];
  for (const stage of STAGES) {
    if (!run.executions.every((e) => doneWith(e, stage))) break;
    const ran = run.executions.filter((e) => e.commandResults.some((c) => c.stage === stage));
    if (ran.length === 0) continue;
    const ok = (e: ExecutionDetail) => e.commandResults.filter((c) => c.stage === stage).every((c) => c.verdict === 'passed' || c.verdict === 'skipped');
    out.push({ stage, passed: ran.filter(ok).map((e) => e.deviceName), failed: ran.filter((e) => !ok(e)).map((e) => e.deviceName) });
  }
  return out;
}
