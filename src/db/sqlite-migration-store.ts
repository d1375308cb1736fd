import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { MigrationFile } from './migration-files.ts';
import type { AppliedMigration, MigrationStore } from './migration-store.ts';

/** How long a migrator waits for another process's write transaction (e.g. a long migration) before failing. */
const LOCK_WAIT_MS = 120_000;

// Prisma's own definition for SQLite, so its CLI reads and writes the same table.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: string | number | null;
  rolled_back_at: string | number | null;
  started_at: string | number;
  logs: string | null;
}

/**
 * SQLite side of the migrator. Each migration runs in a `BEGIN IMMEDIATE` transaction (the file's write lock),
 * which is also what serialises two processes starting at once: the second waits, then sees the row and skips.
 */
export class SqliteMigrationStore implements MigrationStore {
  private readonly db: BetterSqlite3.Database;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path, { timeout: LOCK_WAIT_MS });
    this.db.pragma('journal_mode = WAL');
    // Prisma's SQLite migrations rebuild tables (create new, copy, drop old, rename). With foreign keys on, the
    // DROP would run the children's ON DELETE CASCADE; Prisma applies them with enforcement off, and so do we,
    // checking the result with foreign_key_check before commit.
    this.db.pragma('foreign_keys = OFF');
  }

  async lock(): Promise<void> {
    // per-migration BEGIN IMMEDIATE (see apply)
  }

  async appliedMigrations(): Promise<AppliedMigration[]> {
    this.db.exec(CREATE_TABLE);
    const rows = this.db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"').all() as Row[];
    return rows.map(toApplied);
  }

  async apply(migration: MigrationFile): Promise<boolean> {
    const startedAt = new Date();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const done = this.db
        .prepare('SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL')
        .get(migration.name);
      if (done) {
        this.db.exec('ROLLBACK');
        return false;
      }
      this.db.exec(migration.sql);
      const violations = this.db.prepare('PRAGMA foreign_key_check').all();
      if (violations.length > 0) throw new Error(`leaves ${violations.length} foreign key violation(s), e.g. ${JSON.stringify(violations[0])}`);
      this.db
        .prepare(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        )
        .run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt.toISOString());
      this.db.exec('COMMIT');
      return true;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toApplied(row: Row): AppliedMigration {
  return {
    id: row.id,
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: toDate(row.finished_at),
    rolledBackAt: toDate(row.rolled_back_at),
    startedAt: toDate(row.started_at) ?? new Date(0),
    logs: row.logs,
  };
}

/** Prisma writes ISO text through driver adapters and epoch milliseconds with its native engine. */
function toDate(value: string | number | bigint | null): Date | null {
  if (value === null) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  return new Date(/^\d+$/.test(value) ? Number(value) : value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
}
