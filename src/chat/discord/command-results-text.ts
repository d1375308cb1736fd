import type { CommandResultRecord, Verdict } from '../../core/runs/run-records.ts';
import { codeBlock, inlineCode } from './discord-limits.ts';

const VERDICT_EMOJI: Record<Verdict, string> = { passed: '✅', failed: '❌', error: '❌', skipped: '⏭️' };

function header(r: CommandResultRecord): string {
  const why = r.reason ? ` — ${r.reason.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  return `${VERDICT_EMOJI[r.verdict]} ${inlineCode(r.command, 150)} · ${r.verdict} · ${r.durationMs} ms${why}`;
}

/**
 * Command results as Markdown within `budget` characters: each command's line, then its output in a code
 * block sharing what is left. `truncated` says some output did not fit (attach the full text then).
 */
export function commandResultsText(results: readonly CommandResultRecord[], budget: number): { text: string; truncated: boolean } {
  const headers = results.map(header);
  const withOutput = results.filter((r) => r.output.trim() !== '');
  const fixed = headers.reduce((n, h) => n + h.length + 1, 0);
  const share = withOutput.length ? Math.floor((budget - fixed) / withOutput.length) - 1 : 0;
  let truncated = false;
  const parts: string[] = [];
  for (const [i, r] of results.entries()) {
    parts.push(headers[i] ?? '');
    const output = r.output.replace(/\s+$/, '');
    if (output === '') continue;
    if (share < 40) {
      truncated = true;
      continue;
    }
    // A code block costs 8 characters of fences and line breaks.
    if (output.length + 8 > share) truncated = true;
    parts.push(codeBlock(output, share));
  }
  let text = parts.join('\n');
  if (text.length > budget) {
    text = `${text.slice(0, budget - 1)}…`;
    truncated = true;
  }
  return { text, truncated };
}

/** Every command with its full output, for an attached .txt file. */
export function commandResultsFile(title: string, results: readonly CommandResultRecord[]): Buffer {
  const lines = [title, ''];
  for (const r of results) {
    lines.push(`### [${r.stage}] ${r.command}  (${r.verdict}, ${r.durationMs} ms)${r.reason ? ` — ${r.reason}` : ''}`, r.output.replace(/\s+$/, ''), '');
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}
