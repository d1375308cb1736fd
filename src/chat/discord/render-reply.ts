import type { APIEmbed } from 'discord.js';
import type { ChatReply } from '../../core/chat/chat-reply.ts';
import type { RunView } from '../../core/chat/run-view.ts';
import type { DiscordMessage } from './discord-api.ts';
import { codeBlock, DiscordLimits as L, truncate } from './discord-limits.ts';
import { runEmbed } from './run-message.ts';

function executionsEmbed(view: RunView): APIEmbed[] {
  if (view.executions.length === 0) return [];
  const lines = view.executions.map((e) => `**${e.device}** · ${e.status}${e.stage ? ` · ${e.stage}` : ''}${e.error ? ` — ${truncate(e.error, 200)}` : ''}`);
  return [{ title: `Devices (${view.executions.length})`, description: truncate(lines.join('\n'), 2000) }];
}

function diffMessage(reply: Extract<ChatReply, { kind: 'diff' }>): DiscordMessage {
  const sections = reply.diffs.map((d) => `**${d.device}**\n${d.diff ? codeBlock(d.diff, 100_000, 'diff') : 'No config change recorded.'}`);
  const full = sections.join('\n');
  const header = `Config diff of run #${reply.run.number} (${reply.run.workflow} on ${reply.run.target})`;
  if (full.length <= L.embedDescription) return { embeds: [{ title: truncate(header, L.embedTitle), url: reply.run.url, description: full || 'No devices.' }] };
  const file = { name: `run-${reply.run.number}-diff.txt`, data: Buffer.from(reply.diffs.map((d) => `### ${d.device}\n${d.diff ?? 'No config change recorded.'}\n`).join('\n'), 'utf8') };
  return {
    embeds: [{ title: truncate(header, L.embedTitle), url: reply.run.url, description: `${truncate(full, L.embedDescription - 200)}\n\nThe whole diff is attached · [open the run](${reply.run.url})` }],
    files: [file],
  };
}

/** A core chat reply as a Discord message body (sent as the edit of a deferred, ephemeral reply). */
export function renderReply(reply: ChatReply): DiscordMessage {
  switch (reply.kind) {
    case 'text':
      return { embeds: [{ ...(reply.title ? { title: truncate(reply.title, L.embedTitle) } : {}), description: truncate(reply.text, L.embedDescription) }] };
    case 'error':
      return { content: truncate(`❌ ${reply.message}${reply.usage ? `\nUsage: \`${reply.usage.split('\n')[0]}\`` : ''}`, L.content) };
    case 'list': {
      const lines = reply.items.map((i) => `**${i.name}** — ${i.detail}`);
      const description = lines.length ? truncate(lines.join('\n'), L.embedDescription) : 'Nothing found.';
      return { embeds: [{ title: truncate(reply.title, L.embedTitle), description, ...(reply.more > 0 ? { footer: { text: `and ${reply.more} more` } } : {}) }] };
    }
    case 'run_requested':
      return { content: `Run #${reply.run.number} requested.`, embeds: [runEmbed(reply.run)] };
    case 'run_status':
      return { embeds: [runEmbed(reply.run), ...executionsEmbed(reply.run)] };
    case 'run_decided':
      return { content: truncate(reply.message, L.content), embeds: [runEmbed(reply.run)] };
    case 'diff':
      return diffMessage(reply);
  }
}
