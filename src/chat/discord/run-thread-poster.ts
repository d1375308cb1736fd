import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { platformsOfRun, previewImplementation } from '../../core/runs/run-preview.ts';
import { toRunView, type RunView } from '../../core/chat/run-view.ts';
import type { AuditLog } from '../../core/ports/audit-log.ts';
import type { DeviceRepository } from '../../core/ports/device-repository.ts';
import type { RunRepository } from '../../core/ports/run-repository.ts';
import type { RunEvent } from '../../core/runs/run-events.ts';
import type { WorkflowRepository } from '../../core/ports/workflow-repository.ts';
import type { ChatThreadRef, RunDetail } from '../../core/runs/run-records.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import type { DiscordApi, DiscordMessage } from './discord-api.ts';
import { describeDiscordError, isPermanentDiscordError } from './discord-errors.ts';
import { DiscordLimits as L, truncate } from './discord-limits.ts';
import { deciderName } from './decider-name.ts';
import { runMessage } from './run-message.ts';
import type { RunFlags } from './run-flags.ts';

export interface RunThreadDeps {
  api: DiscordApi;
  runs: Pick<RunRepository, 'get' | 'setChatThread'>;
  workflows: Pick<WorkflowRepository, 'findVersion'>;
  /** Looks up the run's device platforms for its preview (Linux quotes params); without it, every platform's form shows. */
  devices?: Pick<DeviceRepository, 'findById'>;
  /** Names deciders who are not NetOps users (approvers by Discord role). */
  audit: Pick<AuditLog, 'list'> | null;
  memory: ChatThreadMemory;
  flags: RunFlags;
  baseUrl: string;
  logger: Logger;
  /** How long to wait for another process that is posting the run message (default 5 s). */
  parentWaitMs?: number;
}

/** A run's message and thread in Discord, once they exist. */
export interface PostedRun {
  ref: ChatThreadRef & { messageId: string };
  /** True when this call posted the message (so it already shows the current state). */
  justPosted: boolean;
}

/** Discord keeps a nonce for a few minutes: a retried post returns the first message instead of a copy. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 25);
}

/**
 * Posts a run's parent message (bot token) and starts its thread, exactly once across retries, web and
 * worker processes; then posts thread replies once each. Claims live in Redis (ChatThreadMemory).
 */
export class RunThreadPoster {
  constructor(private readonly deps: RunThreadDeps) {}

  /** The run as chat renders it: the commands an approver agrees to while pending, who decided once decided. */
  async view(run: RunDetail, event: RunEvent | null = null): Promise<RunView> {
    let rendered = null;
    if (run.status === 'pending_approval') {
      const version = await this.deps.workflows.findVersion(run.workflowVersionId);
      rendered = version ? previewImplementation(version.definition, run.params, await platformsOfRun(this.deps.devices, version.definition, run)) : null;
    }
    const view = toRunView(run, this.deps.baseUrl, rendered);
    return { ...view, decidedBy: await deciderName(run, event, this.deps.audit) };
  }

  /** Null when the run is not a Discord run, or Discord refused the message for good (logged). */
  async ensureRunMessage(run: RunDetail): Promise<PostedRun | null> {
    const chat = run.chat;
    if (!chat || chat.platform !== 'discord') return null;
    if (chat.messageId) return { ref: { ...chat, messageId: chat.messageId }, justPosted: false };
    const key = `discord:run:${run.id}:parent`;
    if (!(await this.deps.memory.claim(key))) return this.waitForOther(run.id, key);
    try {
      const message = await this.deps.api.createMessage(chat.channelId, { ...runMessage(await this.view(run)), nonce: nonceFor(key) });
      const threadId = await this.startThread(run, message.channelId, message.id);
      const ref = { platform: 'discord' as const, channelId: message.channelId, messageId: message.id, threadId };
      await this.deps.runs.setChatThread(run.id, ref);
      return { ref, justPosted: true };
    } catch (err) {
      if (isPermanentDiscordError(err)) {
        // Keep the claim: every later event of this run would fail the same way (and Discord counts refusals).
        await this.deps.flags.set(`${key}:refused`);
        this.deps.logger.warn({ runId: run.id, channelId: chat.channelId, err: describeDiscordError(err) }, 'Discord refused the run message: check the bot can view the channel, send messages, embed links and create threads');
        return null;
      }
      await this.deps.memory.release(key);
      throw err;
    }
  }

  /** Posts into the run's thread (or, without one, as a reply in the channel) at most once per key. */
  async postOnce(posted: PostedRun, key: string, message: DiscordMessage): Promise<void> {
    const claimKey = `discord:run:${key}`;
    if (!(await this.deps.memory.claim(claimKey))) return;
    const { ref } = posted;
    try {
      await this.deps.api.createMessage(ref.threadId ?? ref.channelId, { ...message, nonce: nonceFor(claimKey), ...(ref.threadId ? {} : { replyTo: ref.messageId }) });
    } catch (err) {
      if (isPermanentDiscordError(err)) {
        this.deps.logger.warn({ key, err: describeDiscordError(err) }, 'Discord refused a thread post');
        return;
      }
      await this.deps.memory.release(claimKey);
      throw err;
    }
  }

  private async startThread(run: RunDetail, channelId: string, messageId: string): Promise<string | null> {
    const name = truncate(`Run #${run.number} · ${run.workflowName} on ${run.target}`, L.threadName);
    try {
      return (await this.deps.api.startThread(channelId, messageId, name)).id;
    } catch (err) {
      // In a thread or a channel type without threads: replies go under the message instead.
      if (!isPermanentDiscordError(err)) throw err;
      this.deps.logger.warn({ runId: run.id, channelId, err: describeDiscordError(err) }, 'could not start a thread on the run message: replying in the channel');
      return null;
    }
  }

  /** Another process claimed the message: wait for its ids, unless Discord refused it for good. */
  private async waitForOther(runId: string, key: string): Promise<PostedRun | null> {
    const deadline = Date.now() + (this.deps.parentWaitMs ?? 5000);
    for (;;) {
      const chat = (await this.deps.runs.get({ id: runId }))?.chat;
      if (chat?.messageId) return { ref: { ...chat, messageId: chat.messageId }, justPosted: false };
      if (await this.deps.flags.has(`${key}:refused`)) return null;
      if (Date.now() > deadline) throw new Error(`the Discord message of run ${runId} is still being posted elsewhere; retrying later`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
