import type { Redis } from 'ioredis';
import type { DeviceLock, DeviceLockHandle, DeviceLockResult } from '../core/ports/device-lock.ts';

// Delete / extend only if we still own the lock (value compare), atomically.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** A per-device Redis lock with renewal: a dead worker's lock expires after ttlMs. */
export class RedisDeviceLock implements DeviceLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  private key(deviceId: string): string {
    return `${this.prefix}:device-lock:${deviceId}`;
  }

  async acquire(deviceId: string, holder: { runId: string; executionId: string }): Promise<DeviceLockResult> {
    const key = this.key(deviceId);
    const value = `${holder.runId}:${holder.executionId}`;
    const ok = await this.redis.set(key, value, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') {
      const current = await this.redis.get(key);
      if (current === value) return { acquired: true, handle: this.handle(key, value) };
      const [runId, executionId] = (current ?? '').split(':');
      return { acquired: false, holder: runId && executionId ? { runId, executionId } : null };
    }
    return { acquired: true, handle: this.handle(key, value) };
  }

  async forceRelease(deviceId: string, holder: { runId: string; executionId: string }): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(deviceId), `${holder.runId}:${holder.executionId}`);
  }

  private handle(key: string, value: string): DeviceLockHandle {
    const redis = this.redis;
    let held = true;
    const timer = setInterval(() => {
      redis.eval(RENEW, 1, key, value, String(this.ttlMs)).then(
        (r) => { if (r !== 1) held = false; },
        () => undefined, // a blip: the next renewal may succeed before the ttl runs out
      );
    }, Math.max(1000, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return {
      get held() { return held; },
      async release() {
        clearInterval(timer);
        held = false;
        await redis.eval(RELEASE, 1, key, value);
      },
    };
  }
}
