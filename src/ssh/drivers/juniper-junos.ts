import { escapeRegExp } from '../escape-reg-exp.ts';
import type { PlatformDriver } from '../platform-driver.ts';

const USER = String.raw`[A-Za-z0-9_][\w.\-]*`;
const HOST = String.raw`[A-Za-z0-9][\w.\-]*`;
/** `user@host> ` in operational mode, `user@host# ` in configuration mode (the shell's `%` is not the CLI). */
const prompt = (host: string): RegExp => new RegExp(String.raw`^${USER}@(?<host>${host})[>#][ \t]*$`);

/**
 * Juniper Junos (`juniper_junos`). Logs in to the operational CLI: no enable. A config batch runs in a
 * private candidate (`configure private`: other users' uncommitted edits are neither committed nor
 * discarded by us, and the candidate dies with the session), is checked (`commit check`), committed, and
 * on any failure discarded (`rollback 0`) before leaving, so nothing half-applied stays behind.
 */
export const juniperJunosDriver: PlatformDriver = {
  name: 'juniper_junos',
  transport: 'shell',
  promptPattern: prompt(HOST),
  promptFor: (hostname) => prompt(escapeRegExp(hostname)),
  // `{master:0}` (virtual chassis), `[edit interfaces ge-0/0/1]` (config level), both on one line, blank lines.
  promptTrailer: /^(?:\{[\w:.-]+\})?(?:\[edit(?: [^\]]*)?\])?[ \t]*$/,
  // `set system host-name X` takes effect, and renames the prompt, at commit.
  promptChangingCommands: [/^\s*commit\b/i],
  // complete-on-space off: otherwise the CLI expands words as they are typed and the echo differs.
  prepareCommands: ['set cli screen-length 0', 'set cli screen-width 511', 'set cli complete-on-space off'],
  privilege: null,
  config: {
    enterCommands: ['configure private'],
    commitCommands: ['commit check', 'commit'],
    abortCommands: ['rollback 0'],
    exitCommands: ['exit configuration-mode'],
  },
  errorMarkers: [/^\s*syntax error\b/m, /^\s*unknown command\b/m, /^\s*missing argument\b/m, /^\s*'[^'\n]+' is ambiguous/m, /^error:/m],
  runningConfigCommand: 'show configuration | display set',
  runningConfigStripPatterns: [],
  // A commit is already persistent.
  saveCommand: '',
  diffNoisePatterns: [/^## Last commit: /, /^## Last changed: /],
  pager: {
    name: 'pager',
    pattern: /---\(more(?: \d+%)?\)---[ \t]*$/,
    reply: ' ',
    cleanup: /---\(more(?: \d+%)?\)---(?:\r[ \t]*\r)?/g,
  },
  autoAnswers: [],
  newline: '\n',
};
