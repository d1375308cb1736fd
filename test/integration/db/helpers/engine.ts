import { openSchemaEngine, type SchemaEngineHandle, type SchemaEngineOptions } from '../../../../scripts/prisma-engine.js';
import { parseDatabaseUrl, withSearchPath } from '../../../../src/db/database-url.ts';
import type { TestProvider } from '../../../helpers/test-db.ts';

/** Prisma's schema engine (Wasm build) connected to the database at `url`, as the Prisma CLI would be. */
export async function engineFor(provider: TestProvider, url: string, options: Omit<SchemaEngineOptions, 'url' | 'schema'> = {}): Promise<SchemaEngineHandle> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') return openSchemaEngine(provider, { ...options, url: target.path });
  return openSchemaEngine(provider, { ...options, url: withSearchPath(target.connectionString, target.schema), schema: target.schema });
}

/**
 * The engine as scripts/new-migration.js uses it, to compute the next migration: SQLite in memory, PostgreSQL on
 * the TEST_POSTGRES_URL server's public schema (its shadow databases are created there).
 */
export async function migrationEngine(provider: TestProvider, options: Omit<SchemaEngineOptions, 'url' | 'schema'> = {}): Promise<SchemaEngineHandle> {
  if (provider === 'sqlite') return openSchemaEngine(provider, options);
  const server = new URL(process.env.TEST_POSTGRES_URL!);
  server.searchParams.delete('schema');
  return openSchemaEngine(provider, { ...options, url: server.toString() });
}
