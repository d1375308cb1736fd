import type { PlatformName } from '../core/ports/device-session.ts';

/** A question the device may ask mid-output, answered automatically (pager, confirmations with a safe default). */
export interface PromptAnswer {
  /** What the question is, for diagnostics ("pager", "destination filename"). */
  name: string;
  /** Tested against the last line received so far (ANSI removed). */
  pattern: RegExp;
  /** Sent as-is: no newline is added. */
  reply: string;
}

/** How the session gains privileges (IOS `enable`). Platforms that log in privileged have none. */
export interface PrivilegeEscalation {
  /** True when the prompt shows the session is not privileged yet (e.g. ends with '>'). */
  isUnprivileged(prompt: string): boolean;
  command: string;
  /** The device asks for the secret. */
  passwordPrompt: RegExp;
}

/** Entering, committing and leaving configuration mode. */
export interface ConfigModeSpec {
  enterCommands: readonly string[];
  /** Sent after a batch whose every command was accepted (Junos `commit`); IOS applies line by line. */
  commitCommands: readonly string[];
  /**
   * Sent when a batch (or its commit) failed or was interrupted, before leaving: nothing half-applied may
   * stay behind (Junos `rollback 0`). IOS-family devices apply line by line and have nothing to discard.
   */
  abortCommands: readonly string[];
  /** Back to privileged exec, whatever the sub-mode. */
  exitCommands: readonly string[];
}

/**
 * Everything platform-specific the SSH session needs. A new platform is a new object of this shape; the
 * session code does not change.
 */
export interface PlatformDriver {
  readonly name: PlatformName;
  /**
   * 'shell': one interactive shell, read until the prompt (network CLIs). 'exec': one SSH exec channel per
   * command with its real exit status (Linux); prompts, paging and privilege do not apply there.
   */
  readonly transport: 'shell' | 'exec';
  /** Matches a whole prompt line (the last line of the buffer); the named group `host` is the hostname. */
  readonly promptPattern: RegExp;
  /** The prompt of a known hostname in any mode — stricter than promptPattern, used once the host is known. */
  promptFor(hostname: string): RegExp;
  /**
   * Lines printed just above the prompt that belong to it, not to the output (Junos `[edit]`,
   * `{master:0}` and the blank line before them). Removed from the end of every output; null when none.
   */
  readonly promptTrailer: RegExp | null;
  /** Commands after which the hostname in the prompt may change (`hostname X`): read with promptPattern. */
  readonly promptChangingCommands: readonly RegExp[];
  /** Run once after login: paging off, wide terminal. Errors are ignored (the pager is answered anyway). */
  readonly prepareCommands: readonly string[];
  readonly privilege: PrivilegeEscalation | null;
  readonly config: ConfigModeSpec;
  /** A command's output failed when one of these matches; the match text is reported as errorMarker. */
  readonly errorMarkers: readonly RegExp[];
  /** The command printing the running configuration; '' when the platform has none (returns '' unread). */
  readonly runningConfigCommand: string;
  /** Lines removed from the running config before it is returned (`Building configuration...`). */
  readonly runningConfigStripPatterns: readonly RegExp[];
  /** Makes the running configuration survive a reload; '' where committing already does (Junos). */
  readonly saveCommand: string;
  /** Lines a snapshot diff ignores (timestamps, byte counts, clock drift). */
  readonly diffNoisePatterns: readonly RegExp[];
  readonly pager: PromptAnswer & {
    /** Removes the pager prompt and the erase sequence that follows it from collected output. */
    cleanup: RegExp;
  };
  /** Other questions answered automatically (only those whose default is harmless). */
  readonly autoAnswers: readonly PromptAnswer[];
  /** Line terminator sent after each command. */
  readonly newline: string;
}
