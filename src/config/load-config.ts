import { z } from 'zod';
import { NetOpsError } from '../core/errors/index.ts';
import { envSchema, type Env } from './env-schema.ts';

export interface AppConfig extends Env {
  /** BASE_URL or http://HOST:PORT — where links in chat messages point. */
  publicUrl: string;
}

/**
 * Reads the environment once, validates it, and returns a frozen config.
 * A bad value throws CONFIG_INVALID whose message is one line naming the variable and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AppConfig> {
  // Empty strings count as unset: `FOO=` in a .env file should mean "default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
    const first = issues[0];
    const got = first ? cleaned[first.field] : undefined;
    const line = first
      ? `${first.field}: ${first.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`
      : z.prettifyError(parsed.error);
    throw new NetOpsError('CONFIG_INVALID', `Invalid configuration: ${line}`, { issues });
  }
  const cfg = parsed.data;
  const host = cfg.HOST === '0.0.0.0' || cfg.HOST === '::' ? 'localhost' : cfg.HOST;
  const publicUrl = (cfg.BASE_URL ?? `http://${host}:${cfg.PORT}`).replace(/\/+$/, '');
  return Object.freeze({ ...cfg, publicUrl });
}
