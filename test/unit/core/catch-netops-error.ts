import { expect } from 'vitest';
import { NetOpsError } from '../../../src/core/errors/index.ts';

/** Runs `fn`, asserts it throws a NetOpsError and returns it for assertions on code, message and details. */
export function catchNetOpsError(fn: () => unknown): NetOpsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NetOpsError);
    return err as NetOpsError;
  }
  throw new Error('expected a NetOpsError, but nothing was thrown');
}

/** The `details.issues` of a validation error. */
export function issuesOf(err: NetOpsError): { field: string; message: string; line?: number; code?: string }[] {
  const details = err.details as { issues?: { field: string; message: string; line?: number; code?: string }[] } | undefined;
  return details?.issues ?? [];
}
