import { maskError } from './mask-error.ts';
import type { SecretMasker } from './secret-masker.ts';

/** Runs calls one at a time, in order, whatever the previous one did; errors leave with secrets masked. */
export type SerialCalls = <T>(fn: () => Promise<T>) => Promise<T>;

export function createSerialCalls(masker: SecretMasker): SerialCalls {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const masked = (): Promise<T> =>
      fn().catch((err: unknown) => {
        throw maskError(err, masker);
      });
    const next = queue.then(masked, masked);
    queue = next.catch(() => undefined);
    return next;
  };
}
