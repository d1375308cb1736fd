import type { ExecutionDetail, RunDetail } from '../../core/runs/run-records.ts';
import type { Stage } from '../../core/runs/run-status.ts';
import { commandResultsFile, commandResultsText } from './command-results-text.ts';
import type { DiscordFile, DiscordMessage } from './discord-api.ts';
import { DiscordLimits as L, truncate } from './discord-limits.ts';

const FAILED = new Set(['failed', 'error']);
const GREEN = 0x23a55a;
const RED = 0xda373c;

/** Did this execution's stage pass? (false once any command failed or errored) */
export function stagePassed(execution: ExecutionDetail, stage: Stage): boolean {
  return !execution.commandResults.some((r) => r.stage === stage && FAILED.has(r.verdict));
}

function post(title: string, color: number, body: string, footer: string, file: DiscordFile | null, url: string): DiscordMessage {
  const link = file ? `\nFull output attached · [open the run](${url})` : `\n[Open the run](${url})`;
  const description = `${truncate(body, L.embedDescription - link.length)}${link}`;
  return { embeds: [{ title: truncate(title, L.embedTitle), color, description, footer: { text: footer } }], ...(file ? { files: [file] } : {}) };
}

/** One stage of one device: each command, its verdict and output; long output goes as a .txt file. */
export function stagePost(run: RunDetail, execution: ExecutionDetail, stage: Stage, url: string): DiscordMessage {
  const results = execution.commandResults.filter((r) => r.stage === stage).sort((a, b) => a.seq - b.seq);
  const ok = stagePassed(execution, stage);
  const title = `${ok ? '✅' : '❌'} ${stage} ${ok ? 'passed' : 'failed'} · ${execution.deviceName}`;
  const { text, truncated } = commandResultsText(results, L.embedDescription - 120);
  const file = truncated ? { name: `run-${run.number}-${execution.deviceName}-${stage}.txt`, data: commandResultsFile(`Run #${run.number} ${run.workflowName} · ${execution.deviceName} · ${stage}`, results) } : null;
  return post(title, ok ? GREEN : RED, text || 'No commands in this stage.', `run #${run.number} · ${results.length} command${results.length === 1 ? '' : 's'}`, file, url);
}

/** A device of a fan-out run that did not succeed: its error and the stage that failed, full log attached. */
export function failedDevicePost(run: RunDetail, execution: ExecutionDetail, url: string): DiscordMessage {
  const failedStage = [...execution.commandResults].reverse().find((r) => FAILED.has(r.verdict))?.stage ?? null;
  const shown = failedStage ? execution.commandResults.filter((r) => r.stage === failedStage).sort((a, b) => a.seq - b.seq) : [];
  const head = `**${execution.status}**${execution.error ? ` — ${truncate(execution.error, 600)}` : ''}${failedStage ? `\nFailed in ${failedStage}:` : ''}`;
  const { text, truncated } = commandResultsText(shown, L.embedDescription - head.length - 140);
  const all = [...execution.commandResults].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq);
  const file = truncated || all.length > shown.length
    ? { name: `run-${run.number}-${execution.deviceName}.txt`, data: commandResultsFile(`Run #${run.number} ${run.workflowName} · ${execution.deviceName}`, all) }
    : null;
  return post(`❌ ${execution.deviceName}: ${execution.status}`, RED, text ? `${head}\n${text}` : head, `run #${run.number}`, file, url);
}
