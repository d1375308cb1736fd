import { NetOpsError } from '../core/errors/index.ts';
import type { SecretMasker } from './secret-masker.ts';

/** The same error with secrets masked in its message and details; other errors pass through untouched. */
export function maskError(err: unknown, masker: SecretMasker): unknown {
  if (!(err instanceof NetOpsError)) return err;
  const message = masker.mask(err.message);
  const details = masker.maskValue(err.details);
  if (message === err.message && JSON.stringify(details) === JSON.stringify(err.details)) return err;
  return new NetOpsError(err.code, message, details, { retryable: err.retryable });
}
