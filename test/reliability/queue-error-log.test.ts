import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BullmqRunQueue } from '../../src/queue/bullmq-run-queue.ts';
import { logQueueErrors, QUEUE_ERROR_LOG_INTERVAL_MS } from '../../src/queue/queue-errors.ts';
import { createProducerRedis } from '../../src/queue/redis-connection.ts';
import { BullmqWebhookQueue } from '../../src/queue/webhook-queue.ts';

/** A port nothing listens on: every connection attempt is refused at once. */
const DEAD_REDIS = 'redis://127.0.0.1:1';

describe('BullMQ queues while Redis is down: errors go to the log, throttled, never to console.error', () => {
  const restore: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const r of restore.splice(0)) await r();
  });

  it('a producer queue on an unreachable Redis logs one line per window and prints nothing', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    restore.push(() => printed.mockRestore());
    const lines: { queue: string; err: string; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (c: Buffer, _e, done) => { lines.push(JSON.parse(c.toString())); done(); } }));
    const connection = createProducerRedis(DEAD_REDIS);
    let refused = 0;
    connection.on('error', () => refused++);
    const queue = new BullmqRunQueue(connection, 'noise', logger);
    const hooks = new BullmqWebhookQueue(connection, 'noise', { maxAttempts: 1, retryBaseMs: 100 }, logger);
    restore.push(() => connection.disconnect());
    // ioredis retries (50 ms, 100 ms, …): wait for several refusals, each re-emitted by all four queues.
    await vi.waitFor(() => expect(refused).toBeGreaterThanOrEqual(4), { timeout: 15_000, interval: 50 });
    expect(printed).not.toHaveBeenCalled();
    expect([...new Set(lines.map((l) => l.queue))].sort()).toEqual(['approvals', 'executions', 'runs', 'webhooks']);
    for (const name of [queue.runs.name, queue.executions.name, queue.approvals.name, hooks.queue.name]) {
      const got = lines.filter((l) => l.queue === name);
      expect(got.length, name).toBeLessThan(refused); // throttled
      expect(got[0]).toMatchObject({ msg: 'queue error (Redis); retrying', err: expect.stringContaining('ECONNREFUSED') });
    }
  }, 30_000);

  it('logs again after the window with how many it held back', () => {
    const source = new EventEmitter();
    const warn = vi.fn();
    let clock = 0;
    logQueueErrors(source, 'runs', { warn } as never, () => clock);
    for (let i = 0; i < 5; i++) source.emit('error', new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(1);
    clock += QUEUE_ERROR_LOG_INTERVAL_MS;
    source.emit('error', new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]![0]).toMatchObject({ queue: 'runs', suppressed: 4 });
  });
});
