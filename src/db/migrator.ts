import { NetOpsError } from '../core/errors/index.ts';
import { parseDatabaseUrl, withSearchPath, type DatabaseTarget } from './database-url.ts';
import { checksumMatches, defaultMigrationsDir, readMigrations, type MigrationFile } from './migration-files.ts';
import type { AppliedMigration, MigrationStore } from './migration-store.ts';

export interface ApplyMigrationsOptions {
  /** Receives one human-readable line per step. Default: silent. */
  log?: (line: string) => void;
  /** History folder (`<name>/migration.sql`). Default: this package's prisma/migrations/sqlite or /postgres. */
  migrationsDir?: string;
}

/**
 * Brings the database at `url` up to the package's migrations, what `prisma migrate deploy` does, without
 * Prisma's native engine: applies each pending `migration.sql` in name order, each in its own transaction, and
 * records it in `_prisma_migrations`. Safe to call at every start and from several processes at once.
 * Refuses (CONFIG_INVALID) when an applied migration's file changed or a failed migration was never resolved.
 */
export async function applyMigrations(url: string, opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const target = parseDatabaseUrl(url);
  const migrations = readMigrations(opts.migrationsDir ?? defaultMigrationsDir(target.provider));
  const where = target.provider === 'sqlite' ? target.display : `${target.display} (schema ${target.schema})`;
  const store = await openStore(target, where);
  const applied: string[] = [];
  try {
    await store.lock(() => log(`migrations: waiting for another process that is migrating ${where}`));
    const rows = await store.appliedMigrations();
    const done = checkHistory(rows, migrations, log);
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      const started = Date.now();
      log(`migrations: applying ${migration.name}`);
      let ran: boolean;
      try {
        ran = await store.apply(migration);
      } catch (err) {
        throw new NetOpsError(
          'DATABASE_UNAVAILABLE',
          `migration ${migration.name} failed on ${where} and was rolled back: ${(err as Error).message}`,
          { migration: migration.name },
          { cause: err, retryable: false },
        );
      }
      if (ran) {
        applied.push(migration.name);
        log(`migrations: applied ${migration.name} in ${Date.now() - started} ms`);
      } else {
        log(`migrations: ${migration.name} was applied by another process`);
      }
    }
    log(applied.length > 0 ? `migrations: ${where} is up to date (${applied.length} applied)` : `migrations: ${where} is up to date`);
    return { applied };
  } finally {
    await store.close();
  }
}

async function openStore(target: DatabaseTarget, where: string): Promise<MigrationStore> {
  try {
    // Each store loads its own driver (better-sqlite3 or pg): only the configured one is loaded.
    if (target.provider === 'sqlite') return new (await import('./sqlite-migration-store.ts')).SqliteMigrationStore(target.path);
    const { PostgresMigrationStore } = await import('./postgres-migration-store.ts');
    return await PostgresMigrationStore.connect(withSearchPath(target.connectionString, target.schema), target.schema);
  } catch (err) {
    throw new NetOpsError('DATABASE_UNAVAILABLE', `cannot open ${where} to apply migrations: ${(err as Error).message}`, undefined, { cause: err });
  }
}

/**
 * Compares the recorded history with the files and returns the names already applied. Throws CONFIG_INVALID,
 * before anything is applied, when the database's history cannot be trusted.
 */
function checkHistory(rows: AppliedMigration[], migrations: MigrationFile[], log: (line: string) => void): Set<string> {
  const files = new Map(migrations.map((m) => [m.name, m]));
  const active = rows.filter((row) => row.rolledBackAt === null);
  const failed = active.filter((row) => row.finishedAt === null);
  if (failed.length > 0) {
    const names = failed.map((row) => row.name).join(', ');
    throw new NetOpsError(
      'CONFIG_INVALID',
      `migration ${names} failed earlier and was never resolved: repair the database by hand, then mark it with ` +
        '`prisma migrate resolve --rolled-back NAME` (or --applied) before starting again',
      { failed: failed.map((row) => row.name) },
    );
  }
  const edited = active.filter((row) => {
    const file = files.get(row.name);
    return file !== undefined && !checksumMatches(row.checksum, file);
  });
  if (edited.length > 0) {
    const names = edited.map((row) => row.name).join(', ');
    throw new NetOpsError(
      'CONFIG_INVALID',
      `migration ${names} was modified after it was applied (checksum differs from _prisma_migrations): ` +
        'restore the original migration.sql and put the change in a new migration',
      { edited: edited.map((row) => row.name) },
    );
  }
  const unknown = active.filter((row) => !files.has(row.name));
  if (unknown.length > 0) {
    // a newer version of NetOps migrated this database: keep running (older code ignores the new columns), but say so
    log(`migrations: WARNING the database has migrations this version does not know: ${unknown.map((row) => row.name).join(', ')}`);
  }
  return new Set(active.map((row) => row.name));
}
