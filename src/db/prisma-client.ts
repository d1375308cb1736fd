/**
 * The Prisma client type the repositories are written against. The SQLite client's type is canonical:
 * both generated clients come from the same models (prisma/models.prisma), and database.ts is the one
 * place that treats the PostgreSQL client as this type.
 */
export type { PrismaClient, Prisma } from '../generated/sqlite/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';

/** A client or the client handed to an interactive `$transaction(async (tx) => …)` callback. */
export type PrismaTransactionClient = Prisma.TransactionClient;
