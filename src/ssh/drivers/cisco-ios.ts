import type { PlatformDriver } from '../platform-driver.ts';
import { iosStylePrompt } from './ios-style-prompt.ts';

/** Cisco IOS / IOS-XE (`cisco_ios`). */
export const ciscoIosDriver: PlatformDriver = {
  name: 'cisco_ios',
  transport: 'shell',
  ...iosStylePrompt(),
  promptTrailer: null,
  promptChangingCommands: [/^\s*hostn/i],
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
  errorMarkers: [/^% ?Invalid input/m, /^% ?Incomplete command/m, /^% ?Ambiguous command/m, /^% ?Unknown command/m, /^% ?Error/m],
  runningConfigCommand: 'show running-config',
  runningConfigStripPatterns: [/^Building configuration\.\.\.\s*$/],
  saveCommand: 'write memory',
  diffNoisePatterns: [
    /^! Last configuration change at/,
    /^! NVRAM config last updated/,
    /^! No configuration change since last restart/,
    /^Current configuration :/,
    /^Building configuration/,
    /^ntp clock-period/,
  ],
  pager: {
    name: 'pager',
    pattern: / ?--More-- ?$/,
    reply: ' ',
    // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
    cleanup: / ?--More-- ?(?:\x08+ *\x08+)?/g,
  },
  autoAnswers: [{ name: 'destination filename', pattern: /Destination filename \[[^\]]*\]\?[ \t]*$/, reply: '\n' }],
  newline: '\n',
};
