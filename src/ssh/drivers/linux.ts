import type { PlatformDriver } from '../platform-driver.ts';

export interface LinuxDriverOptions {
  /**
   * What `runningConfig()` reads, e.g. `cat /etc/network/interfaces`. Default '': a Linux host has no
   * single running config, so snapshots are empty (and a missing file cannot fail every run).
   */
  runningConfigCommand?: string;
}

/**
 * Linux hosts (`linux`). Every command runs in an exec channel of its own and fails on a non-zero exit
 * status (error marker `exit status N`). There is no config mode: a "config" step is the same commands
 * run one after the other, stopping at the first failure. The remote login shell interprets each command:
 * nothing here quotes or escapes it, so parameters must be validated before they reach a command.
 */
export function createLinuxDriver(options: LinuxDriverOptions = {}): PlatformDriver {
  return {
    name: 'linux',
    transport: 'exec',
    // Only for diagnostics: exec channels have no prompt. `user@host:~$`, `[root@host ~]#`, `$`.
    promptPattern: /^(?:\[?[\w.-]+@(?<host>[\w.-]+)[: ][^\n$#]*\]?)?[$#][ \t]*$/,
    promptFor: () => /^(?:\[?[\w.-]+@[\w.-]+[: ][^\n$#]*\]?)?[$#][ \t]*$/,
    promptTrailer: null,
    promptChangingCommands: [],
    prepareCommands: [],
    privilege: null,
    config: { enterCommands: [], commitCommands: [], abortCommands: [], exitCommands: [] },
    // The exit status decides, not the text: a log line saying "error" must not fail a command.
    errorMarkers: [],
    runningConfigCommand: options.runningConfigCommand ?? '',
    runningConfigStripPatterns: [],
    saveCommand: '',
    diffNoisePatterns: [],
    pager: { name: 'pager', pattern: /$^/, reply: '', cleanup: /$^/g },
    autoAnswers: [],
    newline: '\n',
  };
}

/** The default Linux driver: no running config. */
export const linuxDriver: PlatformDriver = createLinuxDriver();
