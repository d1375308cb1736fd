/** What a simulated CLI answers to one line of input. Text uses '\n'; the terminal turns it into '\r\n'. */
export interface CliResult {
  output: string;
  /** Close the session after the output (exit/logout). */
  close?: boolean;
  /** A follow-up question (enable password, destination filename) answered by the next input line. */
  ask?: {
    prompt: string;
    /** Not echoed (passwords). */
    secret: boolean;
    answer(reply: string): CliResult;
  };
}

export const NO_OUTPUT: CliResult = { output: '' };
