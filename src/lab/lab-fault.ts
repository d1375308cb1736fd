/**
 * A misbehaviour a lab device can be told to show, for failure tests. Applies to every session of the
 * device until cleared with `setFault(null)`.
 */
export type LabFault =
  /** Receive (and echo) the next command, then never answer again. */
  | { kind: 'hang' }
  /** Send half of the next command's output, then drop the SSH connection. */
  | { kind: 'drop' }
  /** Wait this long before answering each command. */
  | { kind: 'slow'; delayMs: number }
  /** Sprinkle ANSI escape codes (colours, erase-line, cursor) in output and prompts. */
  | { kind: 'ansi' }
  /** Make the running config this many megabytes long. */
  | { kind: 'hugeConfig'; megabytes: number }
  /** Refuse every authentication attempt. */
  | { kind: 'rejectAuth' }
  /** Accept `terminal length 0` but keep paging with --More-- (tests that the client answers pagers). */
  | { kind: 'ignoreTerminalLength' }
  /** Echo the enable secret as typed and show clear-text passwords in the running config. */
  | { kind: 'echoSecrets' };

export type LabFaultKind = LabFault['kind'];
