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
