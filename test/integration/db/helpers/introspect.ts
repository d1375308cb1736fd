import type { Database } from '../../../../src/db/database.ts';

/** Tables of the database's schema (SQLite: the file; PostgreSQL: the URL's schema), sorted. */
export async function listTables(db: Database): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await db.prisma.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        );
  return rows.map((r) => r.name).sort();
}

export interface Column {
  name: string;
  nullable: boolean;
}

/** Columns of one table, sorted by name. */
export async function listColumns(db: Database, table: string): Promise<Column[]> {
  if (db.provider === 'sqlite') {
    const rows = await db.prisma.$queryRawUnsafe<{ name: string; notnull: bigint | number; pk: bigint | number }[]>(
      `SELECT name, "notnull", pk FROM pragma_table_info('${table.replace(/'/g, "''")}')`,
    );
    // a SQLite TEXT PRIMARY KEY column admits NULL unless declared NOT NULL: Prisma declares it, so read it as is
    return rows.map((r) => ({ name: r.name, nullable: Number(r.notnull) === 0 })).sort(byName);
  }
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; is_nullable: string }[]>(
    `SELECT column_name AS name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    table,
  );
  return rows.map((r) => ({ name: r.name, nullable: r.is_nullable === 'YES' })).sort(byName);
}

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
}

/** The rows of _prisma_migrations in name order. */
export async function migrationRows(db: Database): Promise<MigrationRow[]> {
  const rows = await db.prisma.$queryRawUnsafe<
    { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; applied_steps_count: bigint | number }[]
  >(`SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((r) => ({
    migration_name: r.migration_name,
    checksum: r.checksum,
    finished: r.finished_at !== null,
    rolled_back: r.rolled_back_at !== null,
    applied_steps_count: Number(r.applied_steps_count),
  }));
}

function byName(a: Column, b: Column): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
