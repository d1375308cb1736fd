import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/load-config.ts';
import { startPrivateRedisIfNeeded, type RedisHandle } from './redis-bootstrap.ts';

const fileOf = (dataDir: string) => join(dataDir, 'redis.url');

/**
 * start/demo: use REDIS_URL, or launch a private redis-server (append-only, data under DATA_DIR/redis)
 * and record its URL in DATA_DIR/redis.url so CLI commands in other terminals find it.
 */
export async function ensureRedis(config: Readonly<AppConfig>): Promise<RedisHandle> {
  const handle = await startPrivateRedisIfNeeded({ url: config.REDIS_URL, dataDir: join(config.DATA_DIR, 'redis'), persist: true });
  if (handle.started) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(fileOf(config.DATA_DIR), handle.url);
    const stop = handle.stop;
    return { ...handle, stop: async () => { rmSync(fileOf(config.DATA_DIR), { force: true }); await stop(); } };
  }
  return handle;
}

/** CLI side: when REDIS_URL was not given, prefer the private Redis a running `start`/`demo` recorded. */
export function redisUrlFor(config: Readonly<AppConfig>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.REDIS_URL) return config.REDIS_URL;
  const file = fileOf(config.DATA_DIR);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : config.REDIS_URL;
}
