import { openSchemaEngine, type SchemaEngineHandle, type SchemaEngineOptions } from '../../../../scripts/prisma-engine.js';
import { parseDatabaseUrl, withSearchPath } from '../../../../src/db/database-url.ts';
import type { TestProvider } from '../../../helpers/test-db.ts';

/** Prisma's schema engine (Wasm build) connected to the database at `url`, as the Prisma CLI would be. */
export async function engineFor(provider: TestProvider, url: string, options: Omit<SchemaEngineOptions, 'url' | 'schema'> = {}): Promise<SchemaEngineHandle> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') return openSchemaEngine(provider, { ...options, url: target.path });
  return openSchemaEngine(provider, { ...options, url: withSearchPath(target.connectionString, target.schema), schema: target.schema });
}
