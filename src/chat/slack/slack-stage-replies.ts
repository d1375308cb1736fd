import type { Logger } from 'pino';
import type { RunEvent } from '../../core/runs/run-events.ts';
import type { ExecutionDetail, RunDetail } from '../../core/runs/run-records.ts';
import { isFinalExecutionStatus, type Stage } from '../../core/runs/run-status.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import { renderCommandResults } from './render-command-results.ts';
import { describeSlackError, isPermanentSlackError } from './slack-api-error.ts';
import type { SlackPoster } from './slack-poster.ts';
import { context, escapeMrkdwn, plainText, section, slackLink, truncate, type SlackMessage } from './slack-text.ts';
import { readyStageSummaries, type StageSummary } from './stage-summaries.ts';

const FINAL_EVENTS = new Set(['execution.succeeded', 'execution.failed', 'execution.rolled_back', 'execution.interrupted']);
const OUTCOME: Record<string, string> = {
  failed: '❌', rolled_back: '↩️', rollback_failed: '🔥', interrupted: '⚠️', cancelled: '🚫',
};

export interface SlackStageRepliesDeps {
  poster: SlackPoster;
  memory: ChatThreadMemory;
  publicUrl: string;
  logger: Logger;
  /** Fan-out runs: failed devices beyond this get no reply of their own (the run page lists them). */
  maxFailedDeviceReplies?: number;
}

interface Parent { channel: string; ts: string }

/**
 * Threaded replies under a run's parent. One device: a reply per stage with every command.
 * Several devices: one summary per stage plus one reply per failed device (capped), so a 200-device
 * run posts a handful of messages, not a thousand. Every reply is claimed first: never posted twice.
 */
export class SlackStageReplies {
  constructor(private readonly deps: SlackStageRepliesDeps) {}

  async onEvent(event: RunEvent, run: RunDetail, parent: Parent): Promise<void> {
    const execution = event.executionId ? run.executions.find((e) => e.id === event.executionId) : undefined;
    const ended = execution && FINAL_EVENTS.has(event.type) && isFinalExecutionStatus(execution.status) && execution.status !== 'succeeded' && execution.status !== 'cancelled';
    if (run.executions.length <= 1) {
      if (event.type === 'execution.stage_completed' && execution && event.stage) await this.stageReply(run, execution, event.stage, parent);
      if (ended) await this.deviceReply(run, execution, parent);
      return;
    }
    for (const summary of readyStageSummaries(run)) await this.summaryReply(run, summary, parent);
    if (ended) await this.failedDeviceReply(run, execution, parent);
  }

  private url(run: RunDetail): string {
    return `${this.deps.publicUrl}/runs/${run.number}`;
  }

  private async stageReply(run: RunDetail, e: ExecutionDetail, stage: Stage, parent: Parent): Promise<void> {
    const commands = e.commandResults.filter((c) => c.stage === stage);
    if (commands.length === 0) return;
    const ok = commands.every((c) => c.verdict === 'passed' || c.verdict === 'skipped');
    const rendered = renderCommandResults({
      headline: `${ok ? '✅' : '❌'} *${stage}* ${ok ? 'passed' : 'failed'} on *${escapeMrkdwn(e.deviceName)}* (${commands.length} command${commands.length === 1 ? '' : 's'})`,
      commands, url: this.url(run), filename: `run-${run.number}-${e.deviceName}-${stage}.txt`,
    });
    await this.once(`slack:run:${run.id}:exec:${e.id}:stage:${stage}`, parent, rendered.message, rendered.overflow);
  }

  /** How a device ended when it did not succeed (connect errors, rollback, interruption). */
  private async deviceReply(run: RunDetail, e: ExecutionDetail, parent: Parent): Promise<void> {
    const failing = e.commandResults.filter((c) => c.verdict === 'failed' || c.verdict === 'error');
    const headline = `${OUTCOME[e.status] ?? '❌'} *${escapeMrkdwn(e.deviceName)}* ${e.status.replace(/_/g, ' ')}${e.error ? `: ${escapeMrkdwn(truncate(e.error, 600).text)}` : ''}`;
    const rendered = renderCommandResults({ headline, commands: failing, url: this.url(run), filename: `run-${run.number}-${e.deviceName}-failure.txt` });
    await this.once(`slack:run:${run.id}:exec:${e.id}:outcome`, parent, rendered.message, rendered.overflow);
  }

  private async failedDeviceReply(run: RunDetail, e: ExecutionDetail, parent: Parent): Promise<void> {
    const cap = this.deps.maxFailedDeviceReplies ?? 10;
    const failed = run.executions
      .filter((x) => isFinalExecutionStatus(x.status) && x.status !== 'succeeded' && x.status !== 'cancelled')
      .sort((a, b) => (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
    const index = failed.findIndex((x) => x.id === e.id);
    if (index < 0) return;
    if (index < cap) return this.deviceReply(run, e, parent);
    await this.once(`slack:run:${run.id}:failed-overflow`, parent, {
      text: 'More devices failed',
      blocks: [section(`More than ${cap} devices failed; the rest are listed on ${slackLink(this.url(run), 'the run page')} to keep this thread readable.`)],
    }, null);
  }

  private async summaryReply(run: RunDetail, s: StageSummary, parent: Parent): Promise<void> {
    const total = s.passed.length + s.failed.length;
    const head = `${s.failed.length ? '❌' : '✅'} *${s.stage}* on ${total} device${total === 1 ? '' : 's'}: ${s.passed.length} passed${s.failed.length ? ` · ${s.failed.length} failed` : ''}`;
    const names = s.failed.length ? `Failed: ${escapeMrkdwn(truncate(s.failed.join(', '), 1500).text)}` : null;
    const message: SlackMessage = { text: plainText(head), blocks: [section(names ? `${head}\n${names}` : head), context(slackLink(this.url(run), 'Every device on the run page'))] };
    await this.once(`slack:run:${run.id}:summary:${s.stage}`, parent, message, null);
  }

  private async once(key: string, parent: Parent, message: SlackMessage, file: { filename: string; title: string; content: string } | null): Promise<void> {
    if (!(await this.deps.memory.claim(key))) return;
    try {
      await this.deps.poster.post(parent.channel, message, parent.ts);
    } catch (err) {
      if (isPermanentSlackError(err)) {
        this.deps.logger.warn({ key, slackError: describeSlackError(err) }, 'Slack refused a thread reply');
        return;
      }
      await this.deps.memory.release(key);
      throw err;
    }
    if (!file) return;
    // The reply is out; the file gets its own claim so a failed upload is retried without re-posting it.
    if (!(await this.deps.memory.claim(`${key}:file`))) return;
    try {
      await this.deps.poster.upload(parent.channel, parent.ts, file);
    } catch (err) {
      if (isPermanentSlackError(err)) {
        this.deps.logger.warn({ key, slackError: describeSlackError(err) }, 'Slack refused the output file');
        return;
      }
      await this.deps.memory.release(`${key}:file`);
      throw err;
    }
  }
}
