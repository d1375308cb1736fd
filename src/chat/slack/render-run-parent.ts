import type { RunView } from '../../core/chat/run-view.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import {
  codeBlock, context, escapeMrkdwn, formatDuration, inlineCode, personRef, section, slackDate, slackLink, truncate,
  NO_MENTIONS, SLACK_LIMITS, type SlackBlock, type SlackMentions, type SlackMessage,
} from './slack-text.ts';

const EXECUTION_LABEL: Record<string, string> = {
  rolled_back: '↩️ rolled back', rollback_failed: '🔥 rollback failed', interrupted: '⚠️ interrupted: check the device',
};

/** One line for where the run is: what the parent message's status field and notification text say. */
export function runStatusLabel(view: RunView): string {
  const only = view.executions.length === 1 ? view.executions[0] : undefined;
  switch (view.status) {
    case 'pending_approval': return '⏳ waiting for approval';
    case 'approved':
    case 'queued': return '🕒 queued';
    case 'running':
      if (only?.status === 'waiting_for_device') return '🔒 waiting for the device (busy with another run)';
      if (only?.status === 'running' && only.stage) return `▶️ running ${only.stage}`;
      return only?.status === 'queued' ? '🕒 queued' : '▶️ running';
    case 'succeeded': return view.dryRun ? '✅ dry run passed' : '✅ succeeded';
    case 'failed': return (only && EXECUTION_LABEL[only.status]) ?? '❌ failed';
    case 'partially_failed': return '⚠️ partially failed';
    case 'cancelled': return '🚫 cancelled';
    case 'rejected': return '🚫 rejected';
    case 'expired': return '⌛ expired';
  }
}

function paramsText(params: RunView['params']): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return '_none_';
  return truncate(entries.map(([k, v]) => inlineCode(`${k}=${String(v)}`)).join(' '), SLACK_LIMITS.fieldText - 20).text;
}

function progressText(view: RunView): string | null {
  const p = view.progress;
  if (!p || p.total <= 1) return null;
  const parts = [`${p.done}/${p.total} done`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.running) parts.push(`${p.running} running`);
  if (p.waiting) parts.push(`${p.waiting} waiting for their device`);
  return parts.join(' · ');
}

function approvalBlocks(view: RunView): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  if (view.implementation.length > 0) {
    const commands = truncate(view.implementation.join('\n'), SLACK_LIMITS.sectionText - 120).text;
    blocks.push(section(`*Commands to apply (implementation stage, on each device):*\n${codeBlock(commands)}`));
  }
  if (view.status === 'pending_approval') {
    blocks.push({
      type: 'actions', block_id: `approval:${view.id}`,
      elements: [
        {
          type: 'button', action_id: SlackActionIds.approve, value: view.id, style: 'primary', text: { type: 'plain_text', text: 'Approve' },
          confirm: {
            title: { type: 'plain_text', text: `Approve run #${view.number}?` },
            text: { type: 'mrkdwn', text: truncate(`${escapeMrkdwn(view.workflow)} will change ${escapeMrkdwn(view.target)} with the commands above.`, 300).text },
            confirm: { type: 'plain_text', text: 'Approve' }, deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
        // No confirm dialog: the click opens a form asking for the reason, which is the confirmation.
        { type: 'button', action_id: SlackActionIds.reject, value: view.id, style: 'danger', text: { type: 'plain_text', text: 'Reject' } },
      ],
    });
    if (view.expiresAt) blocks.push(context(`Needs an approver other than the requester · expires ${slackDate(view.expiresAt)}`));
  }
  return blocks;
}

function decisionLine(view: RunView, mentions: SlackMentions): string | null {
  const at = view.decidedAt ? ` at ${slackDate(view.decidedAt, '{time}')}` : '';
  if (view.status === 'expired') return `⌛ Expired${view.expiresAt ? ` ${slackDate(view.expiresAt)}` : ''}: nobody approved in time.`;
  if (!view.decidedBy) return null;
  if (view.status === 'rejected') return `🚫 Rejected by ${personRef(view.decidedBy, mentions)}${at}${view.decisionComment ? `: ${escapeMrkdwn(view.decisionComment)}` : ''}`;
  return `✅ Approved by ${personRef(view.decidedBy, mentions)}${at}${view.decisionComment ? `: ${escapeMrkdwn(view.decisionComment)}` : ''}`;
}

/**
 * The run's parent message: what, where, who, status; the commands and Approve/Reject buttons while
 * approval is pending, and the decision once made. Re-rendered from the run on every edit. `mentions`
 * (looked up once per render) turns linked NetOps users into Slack mentions.
 */
export function renderRunParent(view: RunView, mentions: SlackMentions = NO_MENTIONS): SlackMessage {
  const status = runStatusLabel(view);
  const title = `Run #${view.number} · ${view.workflow} on ${view.target}${view.dryRun ? ' (dry run)' : ''}`;
  const fields = [
    `*Status*\n${status}`,
    `*Requested by*\n${personRef(view.requester, mentions)}`,
    `*Params*\n${paramsText(view.params)}`,
  ];
  const progress = progressText(view);
  if (progress) fields.push(`*Progress*\n${progress}`);
  if (view.durationMs !== null) fields.push(`*Duration*\n${formatDuration(view.durationMs)}`);
  const blocks: SlackBlock[] = [
    section(`*${slackLink(view.url, `Run #${view.number}`)} · ${escapeMrkdwn(view.workflow)}* on ${inlineCode(truncate(view.target, 200).text)}${view.dryRun ? ' _(dry run)_' : ''}`),
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SLACK_LIMITS.fieldText).text })) },
  ];
  if (view.status === 'pending_approval' || view.decidedBy || view.status === 'expired') blocks.push(...approvalBlocks(view));
  const decision = decisionLine(view, mentions);
  if (decision) blocks.push(context(decision));
  if (view.final && view.error) blocks.push(section(`⚠️ ${escapeMrkdwn(truncate(view.error, 1000).text)}`));
  const links = [slackLink(view.url, 'Open the run page')];
  if (view.final && !view.dryRun && view.status !== 'rejected' && view.status !== 'expired') links.push(slackLink(`${view.url}#diff`, 'config diff'));
  blocks.push(context(links.join(' · ')));
  return { text: `${title}: ${status}`, blocks };
}
