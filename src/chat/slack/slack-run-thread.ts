import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { platformsOfRun, previewImplementation } from '../../core/runs/run-preview.ts';
import { toRunView, type RunView } from '../../core/chat/run-view.ts';
import type { DeviceRepository } from '../../core/ports/device-repository.ts';
import type { RunRepository } from '../../core/ports/run-repository.ts';
import type { UserRepository } from '../../core/ports/user-repository.ts';
import type { WorkflowRepository } from '../../core/ports/workflow-repository.ts';
import type { RunDetail } from '../../core/runs/run-records.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import { renderRunParent } from './render-run-parent.ts';
import { describeSlackError, isPermanentSlackError } from './slack-api-error.ts';
import { slackMentionsFor } from './slack-mentions.ts';
import type { SlackPoster } from './slack-poster.ts';
import type { SlackMessage } from './slack-text.ts';

export type ParentOutcome =
  | { kind: 'ready'; channel: string; ts: string }
  /** Another worker claimed the post and has not stored its ts yet: try again shortly. */
  | { kind: 'pending' }
  /** Slack refused for good (e.g. not_in_channel): the run goes on without a thread. */
  | { kind: 'refused'; error: string }
  | { kind: 'not_slack' };

export interface SlackRunThreadDeps {
  runs: RunRepository;
  workflows: WorkflowRepository;
  /** Looks up the run's device platforms for its preview (Linux quotes params); without it, every platform's form shows. */
  devices?: Pick<DeviceRepository, 'findById'>;
  /** Linked users' Slack ids, so the parent mentions them. */
  users: Pick<UserRepository, 'chatIdentitiesOf'>;
  poster: SlackPoster;
  memory: ChatThreadMemory;
  redis: Redis;
  prefix: string;
  publicUrl: string;
  approvalsChannel: string | null;
  logger: Logger;
}

const hashOf = (m: SlackMessage) => createHash('sha256').update(JSON.stringify(m)).digest('hex').slice(0, 20);

/**
 * A run's parent message in Slack: posted once (a claim decides who posts across handlers and workers),
 * edited from the run's current state, never twice with the same content. Also keeps the copy in
 * SLACK_APPROVALS_CHANNEL, when configured, in step.
 */
export class SlackRunThread {
  constructor(private readonly deps: SlackRunThreadDeps) {}

  /** The run as the parent shows it; runs that involve approval also show the rendered implementation. */
  async view(run: RunDetail): Promise<RunView> {
    if (run.expiresAt === null && run.decidedByName === null) return toRunView(run, this.deps.publicUrl);
    const version = await this.deps.workflows.findVersion(run.workflowVersionId);
    return toRunView(run, this.deps.publicUrl, version ? previewImplementation(version.definition, run.params, await platformsOfRun(this.deps.devices, version.definition, run)) : null);
  }

  /** The parent message for the run as it is now; the people it names are looked up once for it. */
  async render(run: RunDetail): Promise<SlackMessage> {
    const view = await this.view(run);
    return renderRunParent(view, await slackMentionsFor(this.deps.users, [view.requester, view.decidedBy], this.deps.logger));
  }

  async ensureParentFor(runId: string): Promise<ParentOutcome> {
    const run = await this.deps.runs.detail({ id: runId });
    return run ? this.ensureParent(run) : { kind: 'not_slack' };
  }

  async ensureParent(run: RunDetail): Promise<ParentOutcome> {
    const chat = run.chat;
    if (!chat || chat.platform !== 'slack') return { kind: 'not_slack' };
    if (chat.messageId) return { kind: 'ready', channel: chat.channelId, ts: chat.messageId };
    // Rendered before claiming: a failure here must not leave a claim that nobody will ever post.
    const message = await this.render(run);
    const key = `slack:run:${run.id}:parent`;
    if (!(await this.deps.memory.claim(key))) {
      const fresh = await this.deps.runs.get({ id: run.id });
      return fresh?.chat?.messageId ? { kind: 'ready', channel: chat.channelId, ts: fresh.chat.messageId } : { kind: 'pending' };
    }
    const log = this.deps.logger.child({ runId: run.id, channel: chat.channelId });
    let ts: string;
    try {
      ts = await this.deps.poster.post(chat.channelId, message);
    } catch (err) {
      if (isPermanentSlackError(err)) {
        // The claim stays taken: every later event would be refused the same way.
        log.warn({ slackError: describeSlackError(err) }, 'Slack refused the run parent message; the run goes on without a thread');
        return { kind: 'refused', error: describeSlackError(err) };
      }
      await this.deps.memory.release(key);
      throw err;
    }
    await this.deps.runs.setChatThread(run.id, { ...chat, messageId: ts, threadId: ts });
    run.chat = { ...chat, messageId: ts, threadId: ts };
    await this.deps.memory.claim(`slack:run:${run.id}:render:${hashOf(message)}`);
    log.info({ ts }, 'run parent message posted');
    return { kind: 'ready', channel: chat.channelId, ts };
  }

  /** Posts the approval request (with buttons) to SLACK_APPROVALS_CHANNEL too, once. */
  async postApprovalCopy(run: RunDetail): Promise<void> {
    const channel = this.deps.approvalsChannel;
    if (!channel || run.status !== 'pending_approval' || channel === run.chat?.channelId) return;
    const message = await this.render(run);
    const key = `slack:run:${run.id}:approval-copy`;
    if (!(await this.deps.memory.claim(key))) return;
    try {
      const ts = await this.deps.poster.post(channel, message);
      await this.deps.redis.set(this.copyKey(run.id), `${channel} ${ts}`, 'EX', 30 * 24 * 3600);
      await this.deps.memory.claim(`slack:run:${run.id}:copy-render:${hashOf(message)}`);
    } catch (err) {
      if (isPermanentSlackError(err)) {
        this.deps.logger.warn({ runId: run.id, channel, slackError: describeSlackError(err) }, 'cannot post to SLACK_APPROVALS_CHANNEL');
        return;
      }
      await this.deps.memory.release(key);
      throw err;
    }
  }

  /**
   * Re-renders the parent (and the approvals copy) from the run as it is now. With `throttleMs`, at most
   * one edit per that interval (fan-out progress); the final state always gets through because run-level
   * events refresh without throttle.
   */
  async refreshParent(runId: string, throttleMs = 0): Promise<void> {
    if (throttleMs > 0 && !(await this.deps.memory.throttle(`slack:run:${runId}:parent-edit`, throttleMs))) return;
    // Read just before editing: an older job finishing late can then never overwrite a newer state.
    const run = await this.deps.runs.detail({ id: runId });
    if (!run?.chat?.messageId || run.chat.platform !== 'slack') return;
    const message = await this.render(run);
    await this.editOnce(`slack:run:${runId}:render:${hashOf(message)}`, run.chat.channelId, run.chat.messageId, message);
    const copy = await this.deps.redis.get(this.copyKey(runId));
    if (copy) {
      const [channel, ts] = copy.split(' ');
      if (channel && ts) await this.editOnce(`slack:run:${runId}:copy-render:${hashOf(message)}`, channel, ts, message);
    }
  }

  private async editOnce(key: string, channel: string, ts: string, message: SlackMessage): Promise<void> {
    if (!(await this.deps.memory.claim(key))) return;
    try {
      await this.deps.poster.update(channel, ts, message);
    } catch (err) {
      if (isPermanentSlackError(err)) {
        this.deps.logger.warn({ channel, ts, slackError: describeSlackError(err) }, 'Slack refused to edit the run message');
        return;
      }
      await this.deps.memory.release(key);
      throw err;
    }
  }

  private copyKey(runId: string): string {
    return `${this.deps.prefix}:slack-approval-copy:${runId}`;
  }
}
