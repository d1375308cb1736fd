import type { PagerStyle } from './terminal-cli.ts';

/** IOS, NX-OS and EOS: ' --More-- ', erased with backspaces, blanks and backspaces. */
export const CISCO_PAGER: PagerStyle = {
  prompt: () => ' --More-- ',
  erase: () => `${'\b'.repeat(9)}${' '.repeat(9)}${'\b'.repeat(9)}`,
};
