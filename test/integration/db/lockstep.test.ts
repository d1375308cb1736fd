import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../../src/db/migration-files.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../../helpers/test-db.ts';
import { engineFor } from './helpers/engine.ts';
import { listColumns, listTables } from './helpers/introspect.ts';
import { readModels } from './helpers/prisma-models.ts';

const modelsPath = fileURLToPath(new URL('../../../prisma/models.prisma', import.meta.url));
const schemaFile = { sqlite: 'schema.sqlite.prisma', postgresql: 'schema.postgres.prisma' } as const;
const lockProvider = { sqlite: 'sqlite', postgresql: 'postgresql' } as const;

function historyNames(provider: 'sqlite' | 'postgresql'): string[] {
  const dir = defaultMigrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe('the two migration histories', () => {
  it('have the same migrations, in the same order, each with a migration.sql', () => {
    const sqlite = historyNames('sqlite');
    expect(sqlite.length).toBeGreaterThan(0);
    expect(historyNames('postgresql')).toEqual(sqlite);
    for (const provider of ['sqlite', 'postgresql'] as const) {
      for (const name of sqlite) {
        expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
        expect(existsSync(join(defaultMigrationsDir(provider), name, 'migration.sql'))).toBe(true);
      }
    }
  });

  it.each(['sqlite', 'postgresql'] as const)('%s history carries the migration_lock.toml Prisma expects', (provider) => {
    const lock = readFileSync(join(defaultMigrationsDir(provider), 'migration_lock.toml'), 'utf8');
    expect(lock).toContain(`provider = "${lockProvider[provider]}"`);
  });
});

describe.each(testProviders)('the %s history applied to an empty database', (provider) => {
  const models = readModels(modelsPath);
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has exactly one table per model (plus _prisma_migrations)', async () => {
    expect(await listTables(db)).toEqual([...models.keys(), '_prisma_migrations'].sort());
  });

  it('has exactly the columns of each model, nullable where the field is optional', async () => {
    for (const [model, fields] of models) {
      const expected = fields.map((f) => ({ name: f.name, nullable: f.optional })).sort((a, b) => (a.name < b.name ? -1 : 1));
      expect({ model, columns: await listColumns(db, model) }).toEqual({ model, columns: expected });
    }
  });

  it('matches the models in every detail Prisma\'s schema engine compares (types, defaults, indexes, foreign keys)', async () => {
    const engine = await engineFor(provider, db.url);
    try {
      expect(await engine.diffFromDatabase()).toBe('');
    } finally {
      await engine.close();
    }
  });

  it('is told apart from models it does not produce (the comparison can fail)', async () => {
    const schemaPath = fileURLToPath(new URL(`../../../prisma/${schemaFile[provider]}`, import.meta.url));
    const changed = readFileSync(schemaPath, 'utf8').replace(/^(model Device \{\n)/m, '$1  serialNumber String?\n');
    const engine = await engineFor(provider, db.url, { schemaText: changed });
    try {
      expect(await engine.diffFromDatabase()).toMatch(/ALTER TABLE "Device" ADD COLUMN\s+"serialNumber" TEXT/);
    } finally {
      await engine.close();
    }
  });
});
