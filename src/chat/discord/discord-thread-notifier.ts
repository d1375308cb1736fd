import type { RunView } from '../../core/chat/run-view.ts';
import type { RunEvent } from '../../core/runs/run-events.ts';
import type { RunDetail } from '../../core/runs/run-records.ts';
import { isFinalRunStatus, STAGES } from '../../core/runs/run-status.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import type { ChatThreadNotifier } from '../../notify/chat-thread-notifier.ts';
import type { DiscordApi } from './discord-api.ts';
import { runMessage } from './run-message.ts';
import type { PostedRun, RunThreadPoster } from './run-thread-poster.ts';
import { failedDevicePost, stagePost } from './stage-post.ts';
import { finalPost, noticePost, stageSummaryPost } from './summary-posts.ts';

/** Progress edits of the run message happen at most this often (status changes always edit). */
export const PROGRESS_EDIT_INTERVAL_MS = 3000;
/** A fan-out run gets a thread post for each of its first failed devices, no more (the run page lists all). */
export const FAILED_DEVICE_POSTS = 10;

const DEVICE_OUTCOME_EVENTS = new Set(['execution.failed', 'execution.rolled_back', 'execution.interrupted']);
const NOT_FAILED = new Set(['succeeded', 'cancelled']);

/** Ids of the first failed devices by finishing time: stable as more fail, so each process agrees. */
function firstFailures(run: RunDetail): string[] {
  return run.executions
    .filter((e) => e.finishedAt && !NOT_FAILED.has(e.status))
    .sort((a, b) => (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0) || a.id.localeCompare(b.id))
    .slice(0, FAILED_DEVICE_POSTS)
    .map((e) => e.id);
}

/**
 * Keeps a Discord run in step: the run message (embed edited as the status changes, buttons disabled once
 * decided) and its thread — one post per stage for a single device; for a fan-out, one post per failed
 * device and, when the run ends, one summary per stage. Each post is claimed once (ChatThreadMemory).
 */
export class DiscordThreadNotifier implements ChatThreadNotifier {
  readonly platform = 'discord' as const;

  constructor(private readonly deps: { poster: RunThreadPoster; api: DiscordApi; memory: ChatThreadMemory }) {}

  async handle(event: RunEvent, run: RunDetail): Promise<void> {
    const posted = await this.deps.poster.ensureRunMessage(run);
    if (!posted) return;
    const view = await this.deps.poster.view(run, event);
    await this.threadPosts(event, run, posted, view);
    if (!posted.justPosted && (await this.shouldEdit(event, run.id, view.final))) {
      await this.deps.api.editMessage(posted.ref.channelId, posted.ref.messageId, runMessage(view));
    }
  }

  /**
   * Status changes edit the run message; progress edits are throttled. Once the run has ended only its
   * final event edits: a queue that lags behind the run must not replay one edit per old event.
   */
  private async shouldEdit(event: RunEvent, runId: string, runFinal: boolean): Promise<boolean> {
    const finalEvent = event.type.startsWith('run.') && event.runStatus !== undefined && isFinalRunStatus(event.runStatus);
    if (runFinal) return finalEvent;
    if (event.type.startsWith('run.')) return true;
    return this.deps.memory.throttle(`discord:run:${runId}:progress-edit`, PROGRESS_EDIT_INTERVAL_MS);
  }

  private async threadPosts(event: RunEvent, run: RunDetail, posted: PostedRun, view: RunView): Promise<void> {
    const { poster } = this.deps;
    const url = view.url;
    const fanout = run.executions.length > 1;
    const execution = event.executionId ? run.executions.find((e) => e.id === event.executionId) : undefined;
    if (execution && !fanout) {
      if (event.type === 'execution.stage_completed' && event.stage) {
        await poster.postOnce(posted, `${run.id}:exec:${execution.id}:stage:${event.stage}`, stagePost(run, execution, event.stage, url));
      } else if (event.type === 'execution.waiting') {
        await poster.postOnce(posted, `${run.id}:exec:${execution.id}:waiting`, noticePost(`⏳ ${event.summary ?? `${execution.deviceName} is busy: waiting`}`));
      }
    }
    if (execution && fanout && DEVICE_OUTCOME_EVENTS.has(event.type) && firstFailures(run).includes(execution.id)) {
      await poster.postOnce(posted, `${run.id}:exec:${execution.id}:outcome`, failedDevicePost(run, execution, url));
    }
    // The event's own status, not the run's current one: a lagging queue must not post the end first.
    if (event.type.startsWith('run.') && event.runStatus && isFinalRunStatus(event.runStatus)) {
      if (fanout) {
        for (const stage of STAGES) {
          const summary = stageSummaryPost(run, stage, url);
          if (summary) await poster.postOnce(posted, `${run.id}:summary:${stage}`, summary);
        }
      }
      await poster.postOnce(posted, `${run.id}:final`, finalPost(view, FAILED_DEVICE_POSTS));
    }
  }
}
