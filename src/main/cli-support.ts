import { readFileSync } from 'node:fs';
import { loadConfig, type AppConfig } from '../config/load-config.ts';
import { asNetOpsError, NetOpsError } from '../core/errors/index.ts';
import { netOpsErrorFromPrisma } from '../db/prisma-errors.ts';
import { createAppContext, type AppContext } from './app-context.ts';
import { createLogger } from './logger.ts';
import { redisUrlFor } from './runtime-redis.ts';

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, runFailed: 1, badInput: 2 } as const;

/** Thrown by commands that finished but whose run did not succeed. */
export class RunFailedExit extends Error {
  constructor(readonly status: string) {
    super(`run ended ${status}`);
  }
}

/** Maps any error to the CLI's exit code and one clear line on stderr. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof RunFailedExit) return EXIT.runFailed;
  const e = netOpsErrorFromPrisma(err) ?? asNetOpsError(err);
  process.stderr.write(`netops: ${e.message}${e.code === 'INTERNAL' ? '' : ` [${e.code}]`}\n`);
  const details = e.details as { issues?: { field: string; message: string }[] } | undefined;
  const issues = details?.issues ?? [];
  // One issue is already the message; a list says every problem at once.
  if (issues.length > 1) for (const issue of issues) process.stderr.write(`  - ${issue.field}: ${issue.message}\n`);
  return e.status < 500 || e.code === 'CONFIG_INVALID' ? EXIT.badInput : EXIT.runFailed;
}

/** Config for CLI commands: the server's environment, plus the private Redis a running demo recorded. */
export function cliConfig(): Readonly<AppConfig> {
  const config = loadConfig();
  return Object.freeze({ ...config, REDIS_URL: redisUrlFor(config) });
}

/** Opens the app context for a one-shot CLI command (quiet logs unless LOG_LEVEL says otherwise). */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, config = cliConfig()): Promise<T> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'netops-cli');
  const ctx = await createAppContext(config, logger);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Reads one line per requested secret from stdin (for --password-stdin and friends). */
export function readStdinLines(count: number): string[] {
  if (count === 0) return [];
  const lines = readFileSync(0, 'utf8').split(/\r?\n/);
  const out = lines.slice(0, count);
  if (out.length < count || out.some((l) => l.length === 0)) {
    throw new NetOpsError('VALIDATION_FAILED', `Expected ${count} non-empty line(s) on stdin (one per --*-stdin flag, in the order given).`);
  }
  return out;
}

/** "k=v" arguments → params object; a bare word is an error naming it. */
export function parseKeyValues(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const i = a.indexOf('=');
    if (i <= 0) throw new NetOpsError('PARAM_INVALID', `Expected key=value, got "${a}".`, { issues: [{ field: a, message: 'must be key=value' }] });
    const key = a.slice(0, i);
    if (key in out) throw new NetOpsError('PARAM_INVALID', `Param "${key}" is given twice.`, { issues: [{ field: key, message: 'given twice' }] });
    out[key] = a.slice(i + 1);
  }
  return out;
}
