import type { ChatReply } from '../../core/chat/chat-reply.ts';
import { renderRunParent } from './render-run-parent.ts';
import {
  codeBlock, context, escapeMrkdwn, section, slackLink, truncate, NO_MENTIONS, SLACK_LIMITS, type SlackBlock, type SlackMentions, type SlackMessage,
} from './slack-text.ts';

/** Splits lines into sections of at most 3,000 characters (Slack's section limit). */
function sections(lines: readonly string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SLACK_LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out.slice(0, 40);
}

/**
 * A command's answer as an ephemeral Block Kit message. `command` is the slash command, so usage
 * lines show exactly what to type; `mentions` are the Slack ids of the linked users a run names.
 */
export function renderChatReply(reply: ChatReply, command: string, mentions: SlackMentions = NO_MENTIONS): SlackMessage {
  switch (reply.kind) {
    case 'text': {
      const body = reply.text.includes('\n') ? codeBlock(reply.text) : escapeMrkdwn(reply.text);
      return { text: truncate(reply.text, 3000).text, blocks: [section(reply.title ? `*${escapeMrkdwn(reply.title)}*\n${body}` : body)] };
    }
    case 'error': {
      const blocks: SlackBlock[] = [section(`❌ ${escapeMrkdwn(reply.message)}`)];
      if (reply.usage) {
        const usage = reply.usage.split('\n').map((u) => `${command} ${u}`).join('\n');
        blocks.push(section(`*Usage*\n${codeBlock(usage)}`));
      }
      return { text: reply.message, blocks };
    }
    case 'list': {
      const lines = reply.items.map((i) => `• *${escapeMrkdwn(i.name)}* — ${escapeMrkdwn(i.detail)}`);
      if (reply.items.length === 0) lines.push('_Nothing to show._');
      const blocks = [section(`*${escapeMrkdwn(reply.title)}*`), ...sections(lines)];
      if (reply.more > 0) blocks.push(context(`…and ${reply.more} more`));
      return { text: reply.title, blocks };
    }
    case 'run_requested':
    case 'run_status':
      return renderRunParent(reply.run, mentions);
    case 'run_decided': {
      const parent = renderRunParent(reply.run, mentions);
      return { text: reply.message, blocks: [section(`*${escapeMrkdwn(reply.message)}*`), ...parent.blocks.filter((b) => b.type !== 'actions')] };
    }
    case 'diff': {
      const blocks: SlackBlock[] = [section(`*Config diff of ${slackLink(reply.run.url, `run #${reply.run.number}`)}*`)];
      for (const d of reply.diffs.slice(0, 10)) {
        const diff = d.diff ? truncate(d.diff, 2500) : null;
        blocks.push(section(`*${escapeMrkdwn(d.device)}*\n${diff ? codeBlock(diff.text) : '_no change recorded_'}`));
      }
      if (reply.diffs.length > 10 || reply.diffs.some((d) => (d.diff?.length ?? 0) > 2500)) blocks.push(context(`The full diff is on ${slackLink(`${reply.run.url}#diff`, 'the run page')}.`));
      if (reply.diffs.length === 0) blocks.push(section('_This run has no devices._'));
      return { text: `Config diff of run #${reply.run.number}`, blocks };
    }
  }
}
