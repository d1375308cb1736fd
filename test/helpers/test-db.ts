import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrator.ts';

export type TestProvider = 'sqlite' | 'postgresql';

/**
 * Providers the database suites run against: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set
 * (.ci/run sets it to postgresql://postgres@127.0.0.1:5432/test). Use with `describe.each(testProviders)`.
 */
export const testProviders: TestProvider[] = ['sqlite', ...(process.env.TEST_POSTGRES_URL ? (['postgresql'] as const) : [])];

/** A database of its own for one test file: a SQLite file in a fresh temp folder or a fresh PostgreSQL schema. */
export interface TestDatabaseUrl {
  url: string;
  /** the PostgreSQL schema (netops_test_<random>), or undefined for SQLite */
  schema?: string;
  /** the SQLite file, or undefined for PostgreSQL */
  file?: string;
  /** Removes the file's folder / drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** A URL for a new, empty database (nothing created yet, no migrations applied). */
export function freshTestDatabaseUrl(provider: TestProvider): TestDatabaseUrl {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'netops-test-db-'));
    const file = join(dir, 'netops.db');
    return { url: `file:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error('TEST_POSTGRES_URL is not set: PostgreSQL test databases need a server');
  const schema = `netops_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return { url: url.toString(), schema, drop: () => dropSchema(base, schema) };
}

export type TestDatabase = Database & TestDatabaseUrl;

/** A fresh database with the migrations applied, opened with openDatabase. `drop()` closes and removes it. */
export async function createTestDatabase(provider: TestProvider): Promise<TestDatabase> {
  const fresh = freshTestDatabaseUrl(provider);
  try {
    await applyMigrations(fresh.url);
    const db = await openDatabase(fresh.url);
    return {
      ...db,
      ...fresh,
      async drop() {
        await db.close();
        await fresh.drop();
      },
    };
  } catch (err) {
    await fresh.drop();
    throw err;
  }
}

async function dropSchema(serverUrl: string, schema: string): Promise<void> {
  const url = new URL(serverUrl);
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
