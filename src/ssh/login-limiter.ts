/**
 * Bounds how many SSH logins (key exchange + authentication, the CPU-heavy part of a connection) run at
 * once; the rest wait in order. Sessions already logged in are not counted: this is no global lock.
 */
export class LoginLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max parallel logins must be a positive integer, got ${String(max)}`);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.running--;
      else next(); // the slot passes straight to the next login
    }
  }
}
