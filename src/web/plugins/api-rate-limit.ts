import { fastifyRateLimit, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { NetOpsError } from '../../core/errors/index.ts';
import { hashApiToken } from '../../core/users/api-token.ts';

/** Fixed window: the first hit of a window starts its expiry; answers [count, ms left]. */
const WINDOW_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if current == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;

/**
 * Counters in Redis, shared by every web process. The app's Redis connection waits out an outage
 * (BullMQ needs that), so a count that does not come back within `timeoutMs` fails open: while Redis
 * is down the API answers (runs then fail with QUEUE_UNAVAILABLE) instead of hanging on the limiter.
 */
function redisWindowStore(redis: Redis, prefix: string, timeoutMs: number): FastifyRateLimitStoreCtor {
  return class RedisWindowStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      if (redis.status !== 'ready') return callback(new Error(`Redis is ${redis.status}`));
      let done = false;
      const finish = (error: Error | null, result?: { current: number; ttl: number }) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        callback(error, result);
      };
      const timer = setTimeout(() => finish(new Error('rate-limit counter timed out')), timeoutMs);
      redis.eval(WINDOW_SCRIPT, 1, `${prefix}${key}`, String(timeWindow)).then(
        (reply) => {
          const [current, ttl] = reply as [number, number];
          finish(null, { current, ttl });
        },
        (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** Whose budget a request spends: the token's (by its hash, never the token itself), or the client address. */
export function rateLimitKey(req: FastifyRequest): string {
  const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return token ? `token:${hashApiToken(token)}` : `ip:${req.ip}`;
}

export interface ApiRateLimitOptions {
  redis: Redis;
  /** Key prefix in Redis, e.g. `netops:rl:api:`. */
  prefix: string;
  /** Requests per token (or per address without one) per minute; 0 turns the limit off. */
  perMinute: number;
}

/**
 * Rate limit for /api/v1, checked before the token is looked up (a flood costs no database reads).
 * Over the limit: 429 RATE_LIMITED with Retry-After and X-RateLimit-* headers.
 */
export async function registerApiRateLimit(app: FastifyInstance, opts: ApiRateLimitOptions): Promise<void> {
  if (opts.perMinute === 0) return;
  await app.register(fastifyRateLimit, {
    global: false,
    max: opts.perMinute,
    timeWindow: 60_000,
    store: redisWindowStore(opts.redis, opts.prefix, 500),
    skipOnError: true,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_req, ctx) =>
      new NetOpsError('RATE_LIMITED', `Rate limit of ${ctx.max} requests per minute reached for this token; retry in ${ctx.after}.`, {
        limit: ctx.max, retry_after_seconds: Math.ceil(ctx.ttl / 1000),
      }),
  });
  const limiter = app.rateLimit();
  app.addHook('onRequest', async (req, reply) => {
    await limiter.call(app, req, reply);
  });
}
