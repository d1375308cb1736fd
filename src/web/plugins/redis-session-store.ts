import type { SessionStore } from '@fastify/session';
import type { Redis } from 'ioredis';

type Callback = (err?: unknown) => void;
type SessionData = Parameters<SessionStore['set']>[1] & { userId?: string };

export const sessionKey = (prefix: string, id: string): string => `${prefix}:sess:${id}`;
/** The set of a user's session ids, so they can all be ended (password change, reset, disable). */
export const userSessionsKey = (prefix: string, userId: string): string => `${prefix}:user-sess:${userId}`;

/**
 * Web sessions in Redis: they survive a restart, are shared by several `netops web` processes, and a
 * logout deletes them server-side. Each key expires with the cookie, so abandoned sessions clean up.
 * A logged-in session's id is also in its user's set (which expires with the newest session); ids of
 * sessions that expired on their own linger there until the set expires or is read by RedisUserSessions.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  set(sessionId: string, session: SessionData, callback: Callback): void {
    const multi = this.redis.multi().set(sessionKey(this.prefix, sessionId), JSON.stringify(session), 'EX', this.ttlSeconds);
    if (session.userId) {
      const index = userSessionsKey(this.prefix, session.userId);
      multi.sadd(index, sessionId).expire(index, this.ttlSeconds);
    }
    multi.exec().then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: SessionData | null) => void): void {
    this.redis.get(sessionKey(this.prefix, sessionId)).then(
      (raw) => callback(null, raw ? (JSON.parse(raw) as SessionData) : null),
      (err: unknown) => callback(err),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    const key = sessionKey(this.prefix, sessionId);
    this.redis.get(key)
      .then(async (raw) => {
        const userId = raw ? (JSON.parse(raw) as SessionData).userId : undefined;
        const multi = this.redis.multi().del(key);
        if (userId) multi.srem(userSessionsKey(this.prefix, userId), sessionId);
        await multi.exec();
      })
      .then(() => callback(), callback);
  }
}
