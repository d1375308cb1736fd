import type { CommandResultRecord } from '../../core/runs/run-records.ts';
import { codeBlock, context, escapeMrkdwn, formatDuration, inlineCode, plainText, section, slackLink, truncate, SLACK_LIMITS, type SlackBlock, type SlackMessage } from './slack-text.ts';

const MARK: Record<CommandResultRecord['verdict'], string> = { passed: '✅', failed: '❌', error: '❌', skipped: '⏭️' };

/** Output beyond these goes to a file in the thread, so a post is never rejected for its size. */
const OUTPUT_BUDGET = 7_000;
const OUTPUT_PER_COMMAND = 2_400;
const MAX_COMMAND_BLOCKS = 20;

export interface RenderedCommands {
  message: SlackMessage;
  /** The full text when something was cut: uploaded into the thread with filesUploadV2. */
  overflow: { filename: string; title: string; content: string } | null;
}

function commandLine(c: CommandResultRecord): string {
  const mode = c.mode === 'config' ? ' _(config)_' : '';
  const reason = c.reason && c.verdict !== 'passed' ? ` — ${escapeMrkdwn(truncate(c.reason, 300).text)}` : '';
  return `${MARK[c.verdict]} ${inlineCode(truncate(c.command, 200).text)}${mode} · ${formatDuration(c.durationMs)}${reason}`;
}

/** The whole stage as plain text, as the file attachment carries it. */
export function commandsAsText(commands: readonly CommandResultRecord[]): string {
  return commands.map((c) => `# ${c.verdict.toUpperCase()}  ${c.command}${c.reason ? `  (${c.reason})` : ''}\n${c.output}`).join('\n\n');
}

/**
 * A threaded reply listing commands with ✅/❌ and their output in code blocks, within Slack's limits
 * (3,000 characters a section, ~10k for the message). Whatever does not fit is returned as `overflow`.
 */
export function renderCommandResults(input: {
  headline: string; commands: readonly CommandResultRecord[]; url: string; filename: string; footer?: string | undefined;
}): RenderedCommands {
  const blocks: SlackBlock[] = [section(input.headline)];
  let budget = OUTPUT_BUDGET;
  let cut = false;
  const shown = input.commands.slice(0, MAX_COMMAND_BLOCKS);
  for (const c of shown) {
    const line = commandLine(c);
    const output = c.output.trim();
    if (output === '') {
      blocks.push(section(line));
      continue;
    }
    const room = Math.max(0, Math.min(OUTPUT_PER_COMMAND, budget, SLACK_LIMITS.sectionText - line.length - 60));
    const t = truncate(output, room);
    cut ||= t.truncated;
    budget -= t.text.length;
    blocks.push(section(room > 80 ? `${line}\n${codeBlock(t.text)}` : `${line}\n_(output in the attached file)_`));
    if (room <= 80) cut = true;
  }
  const hidden = input.commands.length - shown.length;
  if (hidden > 0) cut = true;
  const notes: string[] = [];
  if (hidden > 0) notes.push(`…and ${hidden} more command${hidden === 1 ? '' : 's'}`);
  if (cut) notes.push(`Output shortened: the full text is attached below and on ${slackLink(input.url, 'the run page')}.`);
  if (input.footer) notes.push(input.footer);
  if (notes.length) blocks.push(context(notes.join(' ')));
  const plain = plainText(input.headline);
  return {
    message: { text: truncate(plain, 300).text, blocks },
    overflow: cut ? { filename: input.filename, title: truncate(plain, 200).text, content: commandsAsText(input.commands) } : null,
  };
}
