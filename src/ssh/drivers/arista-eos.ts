import type { PlatformDriver } from '../platform-driver.ts';
import { iosStylePrompt } from './ios-style-prompt.ts';

/**
 * Arista EOS (`arista_eos`). Logs in at `>` unless the user has privilege 15; `enable` (with a secret when
 * one is set) gives `#`. Sub-mode prompts carry the object: `(config-if-Et1)`, `(config-vlan-10)`.
 */
export const aristaEosDriver: PlatformDriver = {
  name: 'arista_eos',
  transport: 'shell',
  ...iosStylePrompt(),
  promptTrailer: null,
  promptChangingCommands: [/^\s*hostn/i],
  // Answered with "Pagination disabled." and "Width set to 511 columns."
  prepareCommands: ['terminal length 0', 'terminal width 511'],
  privilege: {
    isUnprivileged: (prompt) => prompt.trimEnd().endsWith('>'),
    command: 'enable',
    passwordPrompt: /[Pp]assword:[ \t]*$/,
  },
  config: {
    enterCommands: ['configure terminal'],
    commitCommands: [],
    abortCommands: [],
    exitCommands: ['end'],
  },
  errorMarkers: [/^% ?Invalid input/m, /^% ?Incomplete command/m, /^% ?Ambiguous command/m, /^% ?Unavailable command/m, /^% ?Error/m],
  runningConfigCommand: 'show running-config',
  runningConfigStripPatterns: [],
  saveCommand: 'copy running-config startup-config',
  // `! device: leaf1 (vEOS-lab, EOS-4.28.3M)` changes with the hostname and every upgrade.
  diffNoisePatterns: [/^! Command: show running-config/, /^! device: /, /^! Startup-config last modified at/, /^! Time:/],
  pager: {
    name: 'pager',
    pattern: / ?--More-- ?$/,
    reply: ' ',
    // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
    cleanup: / ?--More-- ?(?:\x08+ *\x08+|\r *\r)?/g,
  },
  autoAnswers: [],
  newline: '\n',
};
