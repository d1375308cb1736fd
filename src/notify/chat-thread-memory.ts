import type { Redis } from 'ioredis';

/** Small Redis-backed memory so chat posts happen exactly once across retries and workers. */
export class ChatThreadMemory {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlSeconds = 7 * 24 * 3600) {}

  /** True the first time `key` is claimed (e.g. "run:ID:exec:ID:stage:pre_check"); false ever after. */
  async claim(key: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:chat-once:${key}`, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  /** Forgets a claim whose post failed, so the retry may post. */
  async release(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:chat-once:${key}`);
  }

  /** Throttles edits: true at most once per `ms` for the key (progress edits of a fan-out run). */
  async throttle(key: string, ms: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:chat-throttle:${key}`, '1', 'PX', ms, 'NX')) === 'OK';
  }
}
