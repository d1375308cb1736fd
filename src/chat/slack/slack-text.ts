import type { types } from '@slack/bolt';

export type SlackBlock = types.KnownBlock;

/** A message as chat.postMessage / chat.update take it: `text` is the notification and fallback. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's documented limits we render within (PROTOCOLS.md), with headroom. */
export const SLACK_LIMITS = {
  sectionText: 3000,
  fieldText: 2000,
  blocks: 50,
  /** msg_blocks_too_long has been seen near 13k characters of blocks: stay well under. */
  messageChars: 10_000,
  contextElements: 10,
  buttonText: 75,
} as const;

/** mrkdwn treats only &, < and > specially; escaping them keeps user text from forming links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts at a line break when one is near, so a code block never ends mid-line when avoidable. */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const cut = text.slice(0, Math.max(0, max - 1));
  const nl = cut.lastIndexOf('\n');
  return { text: `${nl > max * 0.6 ? cut.slice(0, nl) : cut}…`, truncated: true };
}

/** A fenced code block; a ``` inside device output would close the fence early, so it is broken up. */
export function codeBlock(text: string): string {
  const body = escapeMrkdwn(text.replace(/```/g, '`\u200b`\u200b`')).replace(/\s+$/, '');
  return '```' + (body === '' ? ' ' : body) + '```';
}

/** Inline code; backticks cannot be escaped inside it, so they become look-alikes. */
export function inlineCode(text: string): string {
  return '`' + escapeMrkdwn(text.replace(/`/g, 'ˋ')) + '`';
}

/** Rendered in each reader's own timezone by Slack; the fallback is UTC. */
export function slackDate(date: Date, format = '{date_short_pretty} at {time}'): string {
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(date.getTime() / 1000)}^${format}|${fallback}>`;
}

/** NetOps user name → Slack user id, for the people one message names (see slack-mentions.ts). */
export type SlackMentions = ReadonlyMap<string, string>;

export const NO_MENTIONS: SlackMentions = new Map();

const SLACK_USER_ID = /^[A-Z0-9]+$/;

/**
 * A person as a message shows them: a Slack mention when we know their Slack id — unmapped chat users
 * are named "slack:U123", linked NetOps users are looked up in `mentions` — else the NetOps name in bold.
 */
export function personRef(name: string, mentions: SlackMentions = NO_MENTIONS): string {
  const m = /^slack:([A-Z0-9]+)$/.exec(name);
  if (m) return `<@${m[1]}>`;
  const id = mentions.get(name);
  // The id comes from an admin's input: anything but a plain Slack id must not become mrkdwn.
  return id && SLACK_USER_ID.test(id) ? `<@${id}>` : `*${escapeMrkdwn(name)}*`;
}

export function slackLink(url: string, label: string): string {
  return `<${url.replace(/[|>]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** Notification text from a mrkdwn line: no bold marks, links reduced to their label. */
export function plainText(mrkdwn: string): string {
  return mrkdwn.replace(/<[^|>]+\|([^>]+)>/g, '$1').replace(/\*/g, '');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText).text } };
}

export function context(...texts: string[]): SlackBlock {
  return { type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, SLACK_LIMITS.sectionText).text })) };
}

/** Characters a message's blocks serialise to: what `msg_blocks_too_long` counts. */
export function blocksSize(blocks: readonly SlackBlock[]): number {
  return JSON.stringify(blocks).length;
}
