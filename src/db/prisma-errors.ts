import { NetOpsError } from '../core/errors/index.ts';

/** Prisma's known-request error codes the repositories branch on. */
export const PrismaErrorCodes = {
  /** a unique constraint refused the write */
  UNIQUE_VIOLATION: 'P2002',
  /** a foreign key refused the write or delete (the row is referenced / the referenced row is missing) */
  FOREIGN_KEY_VIOLATION: 'P2003',
  /** update/delete by unique key found no row */
  RECORD_NOT_FOUND: 'P2025',
} as const;

/** The `P2xxx` code of a Prisma client error, or undefined for anything else. Same codes on both providers. */
export function prismaErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

/**
 * Maps a Prisma error that reached a boundary to a coded NetOps error (e.g. two concurrent saves of the
 * same name → 409 CONFLICT), so a race never surfaces as a 500. Null for anything that is not Prisma's.
 */
export function netOpsErrorFromPrisma(err: unknown): NetOpsError | null {
  const code = prismaErrorCode(err);
  const target = (err as { meta?: { target?: unknown } } | null)?.meta?.target;
  const message = err instanceof Error ? err.message : '';
  if ((code && /^P10(01|02|08|17)$/.test(code)) || /ECONNREFUSED|ECONNRESET|Can't reach database|Connection terminated|SQLITE_BUSY|database is locked/.test(message)) {
    return new NetOpsError('DATABASE_UNAVAILABLE', 'The database is not answering; try again shortly. /readyz shows what is down.', { cause: message.slice(0, 200) });
  }
  switch (code) {
    case PrismaErrorCodes.UNIQUE_VIOLATION:
      return new NetOpsError('CONFLICT', `Another change to the same ${Array.isArray(target) ? target.join(', ') : 'record'} happened at the same time; reload and try again.`, { prismaCode: code });
    case PrismaErrorCodes.FOREIGN_KEY_VIOLATION:
      return new NetOpsError('CONFLICT', 'The record is still referenced by another one (or references one that no longer exists).', { prismaCode: code });
    case PrismaErrorCodes.RECORD_NOT_FOUND:
      return new NetOpsError('NOT_FOUND', 'The record no longer exists.', { prismaCode: code });
    default:
      return null;
  }
}
