import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/ssh/login-limiter.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('LoginLimiter', () => {
  it('runs at most max logins at once and starts the waiting ones in order', async () => {
    const limiter = new LoginLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot when a login fails', async () => {
    const limiter = new LoginLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('auth failed')))).rejects.toThrow('auth failed');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new LoginLimiter(0)).toThrow(RangeError);
  });
});
