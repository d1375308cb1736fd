import type { PromptAnswer } from './platform-driver.ts';
import { applyBackspaces, lastLine, normalizeLineEndings, stripAnsi } from './terminal-text.ts';

/** What one read waits for. */
export interface ReadTarget {
  /** Matches the whole last line when the device is back at its prompt. */
  prompt: RegExp;
  /** Other endings of the read, tested against the end of the buffer (e.g. a password question). */
  stops?: readonly RegExp[];
  /** Questions answered on the fly (pager, confirmations). */
  answers: readonly PromptAnswer[];
  /** Removes pager prompts and their erase sequences, so they never look like the last line. */
  pagerCleanup: RegExp;
}

export type ReaderSignal =
  | { kind: 'prompt'; prompt: string; host: string | null }
  | { kind: 'stop'; index: number }
  | { kind: 'answer'; answer: PromptAnswer }
  | { kind: 'more' };

/**
 * Collects one command's output. Chunks are kept in an array and joined once at the end; only a short
 * tail is examined per chunk, so reading N bytes costs O(N) whatever the chunking.
 */
export class PromptReader {
  private readonly chunks: string[] = [];
  private tail = '';
  private bytes = 0;

  constructor(
    private readonly target: ReadTarget,
    /** Long enough to hold any prompt line, and an excerpt plus the longest secret. */
    private readonly tailSize = 512,
  ) {}

  push(chunk: string): ReaderSignal {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const recent = chunk.length >= this.tailSize ? chunk.slice(-this.tailSize) : chunk;
    this.tail = (this.tail + recent).slice(-this.tailSize);
    // Only the last line can be a prompt or a question: escape codes and backspaces never span lines.
    const rawLine = stripAnsi(lastLine(this.tail));
    for (const answer of this.target.answers) {
      if (answer.pattern.test(rawLine)) return { kind: 'answer', answer };
    }
    const line = lastLine(applyBackspaces(rawLine.replace(this.target.pagerCleanup, '')));
    const stops = this.target.stops ?? [];
    for (let index = 0; index < stops.length; index++) {
      if ((stops[index] as RegExp).test(line)) return { kind: 'stop', index };
    }
    const m = this.target.prompt.exec(line);
    if (m !== null) return { kind: 'prompt', prompt: line.trimEnd(), host: m.groups?.host ?? null };
    return { kind: 'more' };
  }

  /** Everything received, joined once. */
  text(): string {
    return this.chunks.join('');
  }

  get received(): number {
    return this.bytes;
  }

  /** The last `size` characters received, as plain text (callers mask it). */
  excerpt(size: number): string {
    return normalizeLineEndings(applyBackspaces(stripAnsi(this.tail))).slice(-size);
  }
}
