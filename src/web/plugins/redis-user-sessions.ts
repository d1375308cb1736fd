import type { Redis } from 'ioredis';
import type { UserSessions } from '../../core/ports/user-sessions.ts';
import { sessionKey, userSessionsKey } from './redis-session-store.ts';

/** Ends a user's web sessions through the per-user set RedisSessionStore keeps. */
export class RedisUserSessions implements UserSessions {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async endAll(userId: string, keepSessionId?: string): Promise<number> {
    const index = userSessionsKey(this.prefix, userId);
    const ids = (await this.redis.smembers(index)).filter((id) => id !== keepSessionId);
    if (ids.length === 0) return 0;
    const [deleted] = (await this.redis.multi().del(...ids.map((id) => sessionKey(this.prefix, id))).srem(index, ...ids).exec()) ?? [];
    return Number(deleted?.[1] ?? 0);
  }
}
