import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths redacted wherever they appear in a log object: secrets never reach a log line. */
const REDACT = [
  'password', 'passphrase', 'privateKey', 'enableSecret', 'secret', 'token', 'authorization',
  '*.password', '*.passphrase', '*.privateKey', '*.enableSecret', '*.secret', '*.token', '*.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
];

/**
 * Structured JSON logs (pino); child loggers carry runId / executionId. On a terminal (and unless
 * LOG_FORMAT=json) lines are pretty-printed for people; pipes and files get JSON for machines.
 */
export function createLogger(level: string, name = 'netops'): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino({
    name, level,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,name' } } } : {}),
  });
}
