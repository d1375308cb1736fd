import { startPrivateRedisIfNeeded, type RedisHandle } from '../../src/main/redis-bootstrap.ts';

let handle: RedisHandle | undefined;

/** npm test needs Redis: REDIS_URL if it answers, else a private redis-server, else a clear stop. */
export async function setup(): Promise<void> {
  handle = await startPrivateRedisIfNeeded({
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    dataDir: `${process.cwd()}/data/test-redis`,
    persist: false,
  });
  process.env.REDIS_URL = handle.url;
  if (handle.started) console.log(`[test] started a private redis-server at ${handle.url}`);
  if (!process.env.TEST_POSTGRES_URL) console.log('[test] TEST_POSTGRES_URL is not set: PostgreSQL tests are skipped');
}

export async function teardown(): Promise<void> {
  await handle?.stop();
}
