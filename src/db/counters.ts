import type { PrismaClient } from './prisma-client.ts';
import { PrismaErrorCodes, prismaErrorCode } from './prisma-errors.ts';

/** The narrowest client nextCounter needs: a PrismaClient or an interactive transaction's client. */
export type CounterClient = Pick<PrismaClient, 'counter'>;

const MAX_ATTEMPTS = 5;

/**
 * Atomically increments the counter `name` (created at 0 on first use) and returns its new value: 1, 2, 3…
 * Used for run numbers. One upsert, which both providers run as a single INSERT … ON CONFLICT DO UPDATE, so
 * concurrent callers in any number of processes get distinct values.
 */
export async function nextCounter(prisma: CounterClient, name: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await prisma.counter.upsert({
        where: { name },
        create: { name, value: 1 },
        update: { value: { increment: 1 } },
        select: { value: true },
      });
      return row.value;
    } catch (err) {
      // Should Prisma ever run the upsert as read-then-insert, two first uses race on the primary key: the row
      // exists by then, so the retry increments it.
      if (attempt < MAX_ATTEMPTS && prismaErrorCode(err) === PrismaErrorCodes.UNIQUE_VIOLATION) continue;
      throw err;
    }
  }
}
