import type { RunView } from '../../core/chat/run-view.ts';
import type { RunDetail } from '../../core/runs/run-records.ts';
import type { Stage } from '../../core/runs/run-status.ts';
import type { DiscordMessage } from './discord-api.ts';
import { DiscordLimits as L, truncate } from './discord-limits.ts';
import { stagePassed } from './stage-post.ts';
import { formatDuration, RUN_STATUS_STYLE } from './run-status-style.ts';

function names(list: string[], max: number): string {
  const text = list.join(', ');
  return text.length <= max ? text : `${truncate(text, max - 20)} (${list.length} in all)`;
}

/** Fan-out: one post for a stage across every device that ran it. */
export function stageSummaryPost(run: RunDetail, stage: Stage, url: string): DiscordMessage | null {
  const ran = run.executions.filter((e) => e.commandResults.some((r) => r.stage === stage && r.verdict !== 'skipped'));
  if (ran.length === 0) return null;
  const passed = ran.filter((e) => stagePassed(e, stage)).map((e) => e.deviceName);
  const failed = ran.filter((e) => !stagePassed(e, stage)).map((e) => e.deviceName);
  const lines = [];
  if (failed.length) lines.push(`❌ **Failed (${failed.length})**: ${names(failed, 1500)}`);
  if (passed.length) lines.push(`✅ **Passed (${passed.length})**: ${names(passed, 1500)}`);
  lines.push(`[Open the run](${url})`);
  return {
    embeds: [{
      title: truncate(`${failed.length ? '❌' : '✅'} ${stage} · ${ran.length} device${ran.length === 1 ? '' : 's'}: ${passed.length} passed${failed.length ? `, ${failed.length} failed` : ''}`, L.embedTitle),
      color: failed.length ? 0xda373c : 0x23a55a,
      description: truncate(lines.join('\n'), L.embedDescription),
      footer: { text: `run #${run.number}` },
    }],
  };
}

/** The thread's last post: how the run ended (or why it never ran). */
export function finalPost(view: RunView, failedDevicePosts = Number.POSITIVE_INFINITY): DiscordMessage {
  const style = RUN_STATUS_STYLE[view.status];
  const lines: string[] = [];
  if (view.decidedBy && view.status === 'rejected') lines.push(`Rejected by **${view.decidedBy}**${view.decisionComment ? `: ${view.decisionComment}` : ''}`);
  if (view.status === 'expired') lines.push('Nobody approved it in time; request it again if it is still needed.');
  if (view.progress && view.progress.total > 1) {
    lines.push(`${view.progress.total - view.progress.failed}/${view.progress.total} devices succeeded`);
    if (view.progress.failed > failedDevicePosts) lines.push(`The first ${failedDevicePosts} failed devices are detailed above; the run page lists all ${view.progress.failed}.`);
  }
  if (view.error) lines.push(truncate(view.error, 1000));
  lines.push(`[Open the run](${view.url})`);
  return {
    embeds: [{
      title: truncate(`${style.emoji} Run #${view.number} ${style.label.toLowerCase()}${view.durationMs !== null ? ` in ${formatDuration(view.durationMs)}` : ''}`, L.embedTitle),
      color: style.color,
      description: truncate(lines.join('\n'), L.embedDescription),
    }],
  };
}

/** A one-line notice in the thread (waiting for a device lock, an interrupted change). */
export function noticePost(text: string, color = 0xf0b232): DiscordMessage {
  return { embeds: [{ description: truncate(text, L.embedDescription), color }] };
}
