import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths redacted wherever they appear in a log object: secrets never reach a log line. */
const REDACT = [
  'password', 'passphrase', 'privateKey', 'enableSecret', 'secret', 'token', 'authorization',
  '*.password', '*.passphrase', '*.privateKey', '*.enableSecret', '*.secret', '*.token', '*.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
];

/** Structured JSON logs (pino). Child loggers carry runId / executionId. */
export function createLogger(level: string, name = 'netops'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
