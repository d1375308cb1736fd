import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NetOpsError } from '../core/errors/index.ts';
import { parseDatabaseUrl, withSearchPath } from './database-url.ts';
import type { Prisma, PrismaClient } from './prisma-client.ts';
import { serialTransactions } from './serial-transactions.ts';

/** An open database: the Prisma client the repositories use, and how to close it. */
export interface Database {
  prisma: PrismaClient;
  provider: 'sqlite' | 'postgresql';
  /** DATABASE_URL as given (may contain a password: do not log it) */
  url: string;
  close(): Promise<void>;
}

type AdapterFactory = Prisma.PrismaClientOptionsWithAdapter['adapter'];

/** Milliseconds a SQLite writer waits for another process's write lock before failing with "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Per-connection SQLite settings. WAL lets readers and one writer in other processes (web, workers) share the
 * file; NORMAL sync is durable in WAL mode except for the last transactions on power loss; foreign keys are off
 * by default in SQLite and the models' cascades depend on them.
 */
const SQLITE_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;`;

/**
 * Opens the database named by DATABASE_URL and checks that it answers. `file:` → embedded SQLite (the parent
 * folder is created), `postgres://` / `postgresql://` → PostgreSQL, `?schema=NAME` selecting the schema.
 * Does not apply migrations: call applyMigrations(url) first.
 */
export async function openDatabase(url: string): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    try {
      mkdirSync(dirname(target.path), { recursive: true });
    } catch (err) {
      throw new NetOpsError('DATABASE_UNAVAILABLE', `cannot create the folder of the SQLite database ${target.path}: ${(err as Error).message}`, undefined, { cause: err });
    }
    // Only the configured provider's generated client and driver adapter are loaded (each is megabytes of code).
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const { PrismaClient: SqlitePrismaClient } = await import('../generated/sqlite/client.ts');
    const adapter = sqliteAdapter(new PrismaBetterSqlite3({ url: target.path, timeout: SQLITE_BUSY_TIMEOUT_MS }));
    const prisma = new SqlitePrismaClient({ adapter });
    return ready({ prisma, provider: 'sqlite', url, close: () => prisma.$disconnect() }, target.display);
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { PrismaClient: PostgresPrismaClient } = await import('../generated/postgres/client.ts');
  const adapter = serialTransactions(new PrismaPg(
    { connectionString: withSearchPath(target.connectionString, target.schema), connectionTimeoutMillis: 10_000 },
    { schema: target.schema },
  ));
  // The two generated clients come from the same models but are distinct types; the repositories are written
  // against the SQLite client's type (prisma-client.ts). This is the one place where the PostgreSQL client is
  // treated as that type.
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  return ready({ prisma, provider: 'postgresql', url, close: () => prisma.$disconnect() }, target.display);
}

type DriverAdapter = Awaited<ReturnType<AdapterFactory['connect']>>;

/**
 * An interactive transaction's first statement. The adapter opens transactions with a plain (deferred) BEGIN:
 * one that reads, then writes, fails with "database is locked" (P1008) if another process wrote in between, as
 * SQLite cannot upgrade a stale read snapshot. Taking the write lock first, as BEGIN IMMEDIATE would, makes such
 * a transaction wait (busy_timeout) for the other writer instead. It writes nothing: WHERE 0.
 */
const TAKE_WRITE_LOCK = 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0';

/**
 * The SQLite adapter with our connection settings (run on every connection the client opens, as it may reconnect
 * after $disconnect) and interactive transactions that hold the write lock from their start.
 */
function sqliteAdapter(factory: AdapterFactory): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(SQLITE_PRAGMAS);
      return new Proxy(adapter, {
        get(target, prop) {
          if (prop === 'startTransaction') return startWriteTransaction(target);
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

function startWriteTransaction(adapter: DriverAdapter): DriverAdapter['startTransaction'] {
  return async (isolationLevel) => {
    const tx = await adapter.startTransaction(isolationLevel);
    try {
      await tx.executeRaw({ sql: TAKE_WRITE_LOCK, args: [], argTypes: [] });
    } catch (err) {
      await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => 0);
      await tx.rollback();
      throw err;
    }
    return tx;
  };
}

/** Proves the database answers, so a bad URL or a stopped server fails at start with one clear line. */
async function ready(db: Database, display: string): Promise<Database> {
  try {
    await db.prisma.$queryRawUnsafe('SELECT 1');
    return db;
  } catch (err) {
    await db.close().catch(() => {});
    const kind = db.provider === 'sqlite' ? 'SQLite database' : 'PostgreSQL';
    throw new NetOpsError('DATABASE_UNAVAILABLE', `cannot open ${kind} at ${display}: ${(err as Error).message}`, undefined, { cause: err });
  }
}
