import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { MigrationFile } from './migration-files.ts';
import type { AppliedMigration, MigrationStore } from './migration-store.ts';

/** The advisory lock key Prisma Migrate takes, so this migrator and `prisma migrate deploy` exclude each other. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

/**
 * PostgreSQL side of the migrator: a session advisory lock serialises processes; each migration runs in a
 * transaction (PostgreSQL DDL is transactional) with search_path set to the URL's schema.
 */
export class PostgresMigrationStore implements MigrationStore {
  private readonly client: pg.Client;
  private readonly table: string;
  private locked = false;

  private constructor(client: pg.Client, private readonly schema: string) {
    this.client = client;
    this.table = `${quote(schema)}."_prisma_migrations"`;
  }

  /** Connects with search_path = schema (already in `connectionString`) and creates the schema if missing. */
  static async connect(connectionString: string, schema: string): Promise<PostgresMigrationStore> {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    client.on('error', () => {}); // a dropped connection surfaces as the failing query's error
    await client.connect();
    return new PostgresMigrationStore(client, schema);
  }

  async lock(onWait: () => void): Promise<void> {
    const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [PRISMA_MIGRATE_LOCK_KEY]);
    if (!rows[0]?.ok) {
      onWait();
      await this.client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
    this.locked = true;
    // under the lock, so two processes do not race to create it; checked first, since CREATE SCHEMA needs the
    // CREATE privilege on the database even when the schema exists
    const exists = await this.client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
    if (exists.rowCount === 0) await this.client.query(`CREATE SCHEMA ${quote(this.schema)}`);
  }

  async appliedMigrations(): Promise<AppliedMigration[]> {
    // Prisma's own definition for PostgreSQL
    await this.client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`);
    const { rows } = await this.client.query<Row>(`SELECT * FROM ${this.table} ORDER BY "started_at", "migration_name"`);
    return rows.map((row) => ({
      id: row.id,
      name: row.migration_name,
      checksum: row.checksum,
      finishedAt: row.finished_at,
      rolledBackAt: row.rolled_back_at,
      startedAt: row.started_at,
      logs: row.logs,
    }));
  }

  async apply(migration: MigrationFile): Promise<boolean> {
    const startedAt = new Date();
    await this.client.query('BEGIN');
    try {
      const done = await this.client.query(
        `SELECT 1 FROM ${this.table} WHERE "migration_name" = $1 AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
        [migration.name],
      );
      if ((done.rowCount ?? 0) > 0) {
        await this.client.query('ROLLBACK');
        return false;
      }
      await this.client.query(migration.sql); // simple query protocol: several statements in one call
      await this.client.query(
        `INSERT INTO ${this.table} ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      await this.client.query('COMMIT');
      return true;
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    try {
      if (this.locked) await this.client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    } finally {
      // ending the session releases the lock too
      await this.client.end().catch(() => {});
    }
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
