import type { Redis } from 'ioredis';

/** Facts about a run shared by web and worker processes (e.g. "Discord refused its channel"). */
export interface RunFlags {
  set(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
}

/** RunFlags in Redis, kept a week like the thread claims. */
export class RedisRunFlags implements RunFlags {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlSeconds = 7 * 24 * 3600) {}

  async set(key: string): Promise<void> {
    await this.redis.set(`${this.prefix}:discord-flag:${key}`, '1', 'EX', this.ttlSeconds);
  }

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:discord-flag:${key}`)) === 1;
  }
}
