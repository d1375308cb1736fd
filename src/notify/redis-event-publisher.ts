import type { Redis } from 'ioredis';
import type { EventPublisher } from '../core/ports/event-publisher.ts';
import type { RunEvent } from '../core/runs/run-events.ts';

/** Publishes run events on a Redis channel so live pages and `--wait` in other processes can follow. */
export class RedisEventPublisher implements EventPublisher {
  constructor(private readonly redis: Redis, private readonly channel: string) {}

  async publish(event: RunEvent): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(event));
  }
}

export const eventsChannel = (prefix: string) => `${prefix}:events`;
