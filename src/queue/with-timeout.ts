import { NetOpsError, type ErrorCode } from '../core/errors/index.ts';

/** Rejects with `code` when `work` takes longer than `ms` (a Redis that stopped answering must not hang a request). */
export function withTimeout<T>(work: Promise<T>, ms: number, code: ErrorCode, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NetOpsError(code, `${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
