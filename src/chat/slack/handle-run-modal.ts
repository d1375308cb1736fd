import type { App, BlockStaticSelectAction, RespondFn, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import { hasRole } from '../../core/approvals/roles.ts';
import { resolveChatActor, type ChatActor } from '../../core/chat/chat-actor.ts';
import { executeChatIntent } from '../../core/chat/handle-chat-command.ts';
import { formatTarget, parseTarget } from '../../core/commands/target-selector.ts';
import { asNetOpsError, type NetOpsError } from '../../core/errors/index.ts';
import { ADMISSION_WAITED_MS } from './delivery-gate.ts';
import { readRunModal, type SubmittedView } from './read-run-modal.ts';
import { buildRunModal, paramBlockId } from './run-modal-view.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import { escapeMrkdwn, section } from './slack-text.ts';

// Slack closes the modal with an error after 3 s: answer validation problems inline only if the
// request finishes well before that; otherwise close the form and report by ephemeral message.
export const INLINE_ANSWER_MS = 2000;

/** Slack's trigger_id is valid 3 s: a command that waited longer than this in the admission line does not open a form. */
export const TRIGGER_FRESH_MS = 2500;

/** Ms this delivery waited in the admission line (the delivery gate puts it in the context). */
export const waitedInLine = (context: Record<string, unknown>): number => {
  const waited = context[ADMISSION_WAITED_MS];
  return typeof waited === 'number' ? waited : 0;
};

async function activeWorkflows(deps: SlackHandlerDeps) {
  return (await deps.chat.workflows.list()).filter((w) => w.status === 'active');
}

/** Opens the run form, unless the user may not start runs (then says which role is needed). */
export async function openRunModal(deps: SlackHandlerDeps, client: webApi.WebClient, input: {
  actor: ChatActor; triggerId: string; channelId: string; workflow: string | null; respond: RespondFn; waitedMs: number;
}): Promise<void> {
  if (!hasRole(input.actor.role, 'operator')) {
    await input.respond({ response_type: 'ephemeral', replace_original: false, text: `${input.actor.name} has role ${input.actor.role}; starting a run needs operator or higher.` });
    return;
  }
  if (input.waitedMs > TRIGGER_FRESH_MS) {
    // views.open with a stale trigger_id fails (expired_trigger_id) and the user would see nothing.
    deps.logger.info({ waitedMs: input.waitedMs, channel: input.channelId }, 'run form not opened: the command waited too long in the admission line');
    await input.respond({ response_type: 'ephemeral', replace_original: false, text: 'NetOps was busy, so the run form could not open in time (Slack allows 3 s). Nothing was run: type the command again.' });
    return;
  }
  const selected = input.workflow ? await deps.chat.workflows.findCurrent(input.workflow) : null;
  await client.views.open({
    trigger_id: input.triggerId,
    view: buildRunModal({ workflows: await activeWorkflows(deps), selected: selected?.status === 'active' ? selected : null, metadata: { channelId: input.channelId } }),
  });
}

/** Maps a core error's field issues onto the form's blocks; anything else goes on the workflow field. */
function fieldErrors(e: NetOpsError, paramNames: readonly string[]): Record<string, string> {
  const issues = (e.details as { issues?: { field: string; message: string }[] } | undefined)?.issues ?? [];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const block = issue.field === 'target' || issue.field === 'workflow' ? issue.field : paramNames.includes(issue.field) ? paramBlockId(issue.field) : 'workflow';
    errors[block] = errors[block] ? `${errors[block]}; ${issue.message}` : issue.message;
  }
  if (Object.keys(errors).length === 0) errors[(e.details as { field?: string } | undefined)?.field === 'target' ? 'target' : 'workflow'] = e.message;
  return errors;
}

export function registerRunModal(app: App, deps: SlackHandlerDeps): void {
  // Choosing a workflow rebuilds the form with that workflow's params.
  app.action<BlockStaticSelectAction>(SlackActionIds.modalWorkflow, async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & { client: webApi.WebClient }) => {
    await ack();
    if (!body.view) return;
    const current = readRunModal(body.view as unknown as SubmittedView);
    const selected = await deps.chat.workflows.findCurrent(action.selected_option.value);
    await client.views.update({
      view_id: body.view.id, hash: body.view.hash,
      view: buildRunModal({ workflows: await activeWorkflows(deps), selected, metadata: current.metadata, target: current.target || undefined }),
    });
  });

  app.view(SlackActionIds.runModal, async ({ ack, body, view, context }) => {
    const input = readRunModal(view as unknown as SubmittedView);
    const user = body.user.id;
    const log = deps.logger.child({ slackUser: user, channel: input.metadata.channelId });
    if (!input.workflow) {
      await ack({ response_action: 'errors', errors: { workflow: 'Choose a workflow.' } });
      return;
    }
    const work = (async () => {
      const actor = await resolveChatActor(deps.users, 'slack', user, deps.settings.defaultRole);
      const target = parseTarget(input.target);
      return executeChatIntent(deps.chat, actor, {
        kind: 'run', workflow: input.workflow ?? '', targetText: formatTarget(target), target, params: input.params, dryRun: input.dryRun,
      }, { channelId: input.metadata.channelId, requestId: `view:${view.id}:${view.hash}` });
    })().then((reply) => ({ ok: true as const, reply }), (err: unknown) => ({ ok: false as const, error: asNetOpsError(err) }));
    // Time spent waiting in the admission line counts against Slack's 3 s.
    const budget = Math.max(0, INLINE_ANSWER_MS - waitedInLine(context));
    const early = await Promise.race([work, new Promise<null>((r) => setTimeout(() => r(null), budget))]);
    if (early && !early.ok && early.error.code !== 'INTERNAL') {
      await ack({ response_action: 'errors', errors: fieldErrors(early.error, Object.keys(input.params).concat(paramNamesOf(view as unknown as SubmittedView))) });
      return;
    }
    await ack();
    const outcome = early ?? (await work);
    if (!outcome.ok) {
      log.warn({ code: outcome.error.code }, 'run form refused');
      const message = outcome.error.code === 'INTERNAL' ? 'Something went wrong on our side; the server log has the details.' : outcome.error.message;
      await deps.poster.ephemeral(input.metadata.channelId, user, { text: message, blocks: [section(`❌ ${escapeMrkdwn(message)}`)] }).catch(() => undefined);
      return;
    }
    if (outcome.reply.kind !== 'run_requested') return;
    log.info({ runId: outcome.reply.run.id, runNumber: outcome.reply.run.number }, 'run requested from the Slack form');
    await deps.thread.ensureParentFor(outcome.reply.run.id);
  });
}

function paramNamesOf(view: SubmittedView): string[] {
  return Object.keys(view.state.values).filter((b) => b.startsWith('param:')).map((b) => b.slice('param:'.length));
}
