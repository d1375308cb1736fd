import type { Logger } from 'pino';
import type { RunEvent } from '../../core/runs/run-events.ts';
import type { RunDetail } from '../../core/runs/run-records.ts';
import type { ChatThreadNotifier } from '../../notify/chat-thread-notifier.ts';
import type { SlackRunThread } from './slack-run-thread.ts';
import type { SlackStageReplies } from './slack-stage-replies.ts';

/** Fan-out progress edits of the parent happen at most this often. */
export const PROGRESS_EDIT_INTERVAL_MS = 3000;

const RUN_LEVEL = new Set<RunEvent['type']>(['run.requested', 'run.approved', 'run.rejected', 'run.expired', 'run.started', 'run.cancelled', 'run.completed']);

/** Keeps a Slack run thread in step with the run (see ChatThreadNotifier for the contract). */
export class SlackThreadNotifier implements ChatThreadNotifier {
  readonly platform = 'slack' as const;

  constructor(private readonly thread: SlackRunThread, private readonly replies: SlackStageReplies, private readonly logger: Logger) {}

  async handle(event: RunEvent, run: RunDetail): Promise<void> {
    const parent = await this.thread.ensureParent(run);
    if (parent.kind === 'pending') {
      // Thrown so the queue retries with back-off; the other worker stores the ts in a moment.
      throw new Error(`run #${run.number}: the parent message is being posted by another worker`);
    }
    if (parent.kind !== 'ready') return;
    this.logger.debug({ runId: run.id, event: event.type }, 'updating Slack thread');
    if (event.type === 'run.requested') await this.thread.postApprovalCopy(run);
    await this.replies.onEvent(event, run, parent);
    const throttle = run.executions.length > 1 && !RUN_LEVEL.has(event.type) ? PROGRESS_EDIT_INTERVAL_MS : 0;
    await this.thread.refreshParent(run.id, throttle);
  }
}
