import type { PlatformDriver } from '../platform-driver.ts';
import { iosStylePrompt } from './ios-style-prompt.ts';

/**
 * Cisco NX-OS (`cisco_nxos`). Logs in privileged (network-admin): no enable. Errors read
 * `% Invalid command at '^' marker.` / `% Invalid parameter detected at '^' marker.`.
 */
export const ciscoNxosDriver: PlatformDriver = {
  name: 'cisco_nxos',
  transport: 'shell',
  ...iosStylePrompt(),
  promptTrailer: null,
  promptChangingCommands: [/^\s*(?:hostn|switchn)/i],
  prepareCommands: ['terminal length 0', 'terminal width 511'],
  privilege: null,
  config: {
    enterCommands: ['configure terminal'],
    commitCommands: [],
    abortCommands: [],
    exitCommands: ['end'],
  },
  // `% Invalid command`, `% Invalid parameter`, `% Invalid number, range is …`, `% Invalid ip address`.
  errorMarkers: [/^% ?Invalid \w+/m, /^% ?Incomplete command/m, /^% ?Ambiguous command/m, /^% ?Permission denied/m],
  runningConfigCommand: 'show running-config',
  runningConfigStripPatterns: [],
  saveCommand: 'copy running-config startup-config',
  diffNoisePatterns: [/^!Command: show running-config/, /^!Running configuration last done at:/, /^!Time:/, /^!NVRAM config last updated/],
  pager: {
    name: 'pager',
    pattern: / ?--More-- ?$/,
    reply: ' ',
    // NX-OS erases the pager with backspaces or with a carriage return and blanks.
    // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
    cleanup: / ?--More-- ?(?:\x08+ *\x08+|\r *\r)?/g,
  },
  autoAnswers: [],
  newline: '\n',
};
