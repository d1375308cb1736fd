import type { SessionStore } from '@fastify/session';
import type { Redis } from 'ioredis';

type Callback = (err?: unknown) => void;
type SessionData = Parameters<SessionStore['set']>[1];

/**
 * Web sessions in Redis: they survive a restart, are shared by several `netops web` processes, and a
 * logout deletes them server-side. Each key expires with the cookie, so abandoned sessions clean up.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:sess:${id}`;
  }

  set(sessionId: string, session: SessionData, callback: Callback): void {
    this.redis.set(this.key(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds).then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: SessionData | null) => void): void {
    this.redis.get(this.key(sessionId)).then(
      (raw) => callback(null, raw ? (JSON.parse(raw) as SessionData) : null),
      (err: unknown) => callback(err),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
