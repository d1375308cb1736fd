import type { CliResult } from './cli-result.ts';

/** How a platform pages long output and erases the pager prompt once a key was pressed. */
export interface PagerStyle {
  /** The prompt written after each page, e.g. ' --More-- ' or '---(more 42%)---'. `percent` is how far the output got. */
  prompt(percent: number): string;
  /** Written after the key: erases the prompt (backspaces, or CR + blanks + CR). */
  erase(prompt: string): string;
}

/** One interactive session's command interpreter, as the terminal drives it. No I/O. */
export interface TerminalCli {
  /** Written before each input line, e.g. "lab-ios-1#" or "\n[edit]\nnetops@lab-junos-1# ". */
  prompt(): string;
  /** Interprets one input line (Ctrl-Z arrives as '\x1a'). */
  execute(line: string): CliResult;
  /** Lines per page; 0 = no paging. */
  readonly pageLength: number;
  readonly pager: PagerStyle;
  /** What is echoed for Ctrl-Z ('^Z'), or null when the platform has no such key. */
  readonly ctrlZEcho: string | null;
}
