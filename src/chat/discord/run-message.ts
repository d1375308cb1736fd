import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { RunView } from '../../core/chat/run-view.ts';
import { runActionId } from './custom-id.ts';
import type { DiscordMessage } from './discord-api.ts';
import { codeBlock, DiscordLimits as L, inlineCode, truncate } from './discord-limits.ts';
import { formatDuration, relativeTime, RUN_STATUS_STYLE } from './run-status-style.ts';

function paramsText(params: RunView['params']): string {
  const pairs = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`);
  return pairs.length ? inlineCode(pairs.join(' '), 500) : 'none';
}

function statusLine(view: RunView): string {
  const style = RUN_STATUS_STYLE[view.status];
  const parts = [`${style.emoji} **${style.label}**`];
  if (view.status === 'pending_approval') {
    parts.push('— an approver other than the requester can approve or reject');
    if (view.expiresAt) parts.push(`(expires ${relativeTime(view.expiresAt)})`);
  }
  if (view.status === 'running' && view.executions.length === 1) {
    const stage = view.executions[0]?.stage;
    if (stage) parts.push(`— ${stage}`);
  }
  if (view.final && view.durationMs !== null) parts.push(`in ${formatDuration(view.durationMs)}`);
  return parts.join(' ');
}

function decisionText(view: RunView): string | null {
  if (!view.decidedBy) return null;
  const verb = view.status === 'rejected' ? 'Rejected' : 'Approved';
  const when = view.decidedAt ? ` ${relativeTime(view.decidedAt)}` : '';
  return truncate(`${verb} by **${view.decidedBy}**${when}${view.decisionComment ? `: ${view.decisionComment}` : ''}`, 600);
}

function progressText(view: RunView): string | null {
  const p = view.progress;
  if (!p || p.total < 2) return null;
  const parts = [`${p.done}/${p.total} done`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.running) parts.push(`${p.running} running`);
  if (p.waiting) parts.push(`${p.waiting} waiting for the device`);
  return parts.join(' · ');
}

/**
 * The run's embed: workflow, target, params, requester, status, decision and the web link. Each part has
 * its own cap so the whole stays well under Discord's 6,000 characters across embeds.
 */
export function runEmbed(view: RunView): APIEmbed {
  const fields: APIEmbedField[] = [
    { name: 'Target', value: inlineCode(view.target, 300), inline: true },
    { name: 'Params', value: paramsText(view.params), inline: true },
    { name: 'Requested by', value: truncate(view.requester, 100), inline: true },
  ];
  if (view.dryRun) fields.push({ name: 'Dry run', value: 'yes: only the read-only pre_check runs', inline: true });
  const progress = progressText(view);
  if (progress) fields.push({ name: 'Progress', value: progress });
  const decision = decisionText(view);
  if (decision) fields.push({ name: 'Decision', value: decision });
  if (view.status === 'pending_approval' && view.implementation.length) {
    fields.push({ name: 'Changes to approve', value: codeBlock(view.implementation.join('\n'), L.embedFieldValue) });
  }
  if (view.error && view.final) fields.push({ name: 'Error', value: truncate(view.error, 600) });
  fields.push({ name: 'Details', value: `[Open run #${view.number}](${view.url})` });
  return {
    title: truncate(`Run #${view.number} · ${view.workflow}`, L.embedTitle),
    url: view.url,
    description: truncate(statusLine(view), 400),
    color: RUN_STATUS_STYLE[view.status].color,
    fields,
    footer: { text: `run ${view.id}` },
  };
}

function button(style: ButtonStyle.Success | ButtonStyle.Danger, customId: string, label: string, disabled: boolean): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, custom_id: customId, label: truncate(label, L.buttonLabel), disabled };
}

/** Approve / Reject while pending; afterwards the same buttons, disabled, saying what happened. */
export function runButtons(view: RunView): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const hadApproval = view.status === 'pending_approval' || view.expiresAt !== null || view.decidedBy !== null;
  if (!hadApproval) return [];
  const pending = view.status === 'pending_approval';
  let approveLabel = 'Approve';
  let rejectLabel = 'Reject';
  if (view.status === 'rejected') rejectLabel = `Rejected by ${view.decidedBy ?? 'an approver'}`;
  else if (view.decidedBy) approveLabel = `Approved by ${view.decidedBy}`;
  else if (view.status === 'expired') approveLabel = 'Approval expired';
  else if (view.status === 'cancelled') approveLabel = 'Cancelled';
  return [{
    type: ComponentType.ActionRow,
    components: [
      button(ButtonStyle.Success, runActionId('approve', view.id), approveLabel, !pending),
      button(ButtonStyle.Danger, runActionId('reject', view.id), rejectLabel, !pending),
    ],
  }];
}

/** The run's parent message (posted with the bot token, edited as the status changes). */
export function runMessage(view: RunView): DiscordMessage {
  return { embeds: [runEmbed(view)], components: runButtons(view) };
}
