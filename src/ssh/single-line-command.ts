import { NetOpsError } from '../core/errors/index.ts';

/**
 * Refuses input that would make the device run a second line: a param must never inject a command.
 * Nothing is quoted or rewritten here: what passes is sent exactly as written (on Linux, to the login shell).
 */
export function assertSingleLine(command: string): void {
  // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
  if (/[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(command)) {
    throw new NetOpsError('VALIDATION_FAILED', 'A command must be one line without control characters', { command: command.slice(0, 200) });
  }
}
