import { Redis, type RedisOptions } from 'ioredis';

/** Worker connections: BullMQ needs maxRetriesPerRequest null so blocking commands wait out an outage. */
export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...extra });
}

/**
 * Producer connections (API, chat, CLI): a request must not hang while Redis is down, so commands
 * fail after a short wait and the caller answers 503 QUEUE_UNAVAILABLE.
 */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000, commandTimeout: 3000 });
}
