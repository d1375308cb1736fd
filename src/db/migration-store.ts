import type { MigrationFile } from './migration-files.ts';

/** A row of `_prisma_migrations`, the table Prisma Migrate keeps (same columns, so `prisma migrate status` agrees). */
export interface AppliedMigration {
  id: string;
  name: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  startedAt: Date;
  logs: string | null;
}

/**
 * One provider's side of the migrator: the migrations table, the cross-process lock, and applying one
 * migration in a transaction. Knows nothing about which migrations are pending.
 */
export interface MigrationStore {
  /** Serialises migrators of several processes; `onWait` is called once if another one holds the lock. */
  lock(onWait: () => void): Promise<void>;
  /** The rows of `_prisma_migrations`, creating the table if missing. */
  appliedMigrations(): Promise<AppliedMigration[]>;
  /**
   * Runs the migration's SQL and records it in one transaction. Returns false, changing nothing, when a row for
   * it (applied and not rolled back) already exists: another process got there first.
   */
  apply(migration: MigrationFile): Promise<boolean>;
  /** Releases the lock and the connection. */
  close(): Promise<void>;
}
