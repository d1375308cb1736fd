import type { Redis } from 'ioredis';

// Reserves the channel's next free slot atomically: every process posting to Slack shares one schedule.
const RESERVE = `
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = nxt > now and nxt or now
redis.call('SET', KEYS[1], tostring(slot + gap), 'PX', math.floor(slot + gap - now + 60000))
return slot - now`;

const PUSH_BACK = `
local until_ = tonumber(ARGV[1])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nxt then redis.call('SET', KEYS[1], tostring(until_), 'PX', math.floor(until_ - tonumber(ARGV[2]) + 60000)) end
return 0`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Spaces posts to one Slack channel (~1 message per second per channel is Slack's limit) across all
 * processes, through Redis. A 429's Retry-After pushes the channel's next slot back for everyone.
 */
export class ChannelPacer {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly intervalMs = 1000) {}

  private key(channel: string): string {
    return `${this.prefix}:slack-pace:${channel}`;
  }

  /** Waits for this channel's next slot. */
  async wait(channel: string): Promise<void> {
    const ms = Number(await this.redis.eval(RESERVE, 1, this.key(channel), Date.now(), this.intervalMs));
    if (ms > 0) await sleep(ms);
  }

  /** Nobody posts to the channel for `ms` (Slack said Retry-After). */
  async pushBack(channel: string, ms: number): Promise<void> {
    const now = Date.now();
    await this.redis.eval(PUSH_BACK, 1, this.key(channel), now + ms, now);
  }
}
