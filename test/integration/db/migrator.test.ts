import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { defaultMigrationsDir, readMigrations } from '../../../src/db/migration-files.ts';
import { applyMigrations } from '../../../src/db/migrator.ts';
import { freshTestDatabaseUrl, testProviders, type TestDatabaseUrl } from '../../helpers/test-db.ts';
import { engineFor, migrationEngine } from './helpers/engine.ts';
import { listTables, migrationRows } from './helpers/introspect.ts';
import { copyMigrations, type MigrationsCopy } from './helpers/migrations-copy.ts';

describe.each(testProviders)('applyMigrations on %s', (provider) => {
  const history = readMigrations(defaultMigrationsDir(provider));
  let fresh: TestDatabaseUrl;
  let copy: MigrationsCopy | undefined;
  let db: Database | undefined;

  beforeEach(() => {
    fresh = freshTestDatabaseUrl(provider);
  });
  afterEach(async () => {
    await db?.close();
    db = undefined;
    copy?.remove();
    copy = undefined;
    await fresh.drop();
  });

  const open = async () => (db ??= await openDatabase(fresh.url));

  it('applies the whole history to a fresh database and records it as Prisma does', async () => {
    const lines: string[] = [];
    const result = await applyMigrations(fresh.url, { log: (line) => lines.push(line) });

    expect(result.applied).toEqual(history.map((m) => m.name));
    expect(lines.some((line) => line.includes(`applying ${history[0]!.name}`))).toBe(true);
    expect(await listTables(await open())).toEqual(expect.arrayContaining(['_prisma_migrations', 'Device', 'Run', 'Counter']));
    const rows = await migrationRows(await open());
    expect(rows).toEqual(
      history.map((m) => ({
        migration_name: m.name,
        checksum: createHash('sha256').update(readFileSync(join(defaultMigrationsDir(provider), m.name, 'migration.sql'))).digest('hex'),
        finished: true,
        rolled_back: false,
        applied_steps_count: 1,
      })),
    );
  });

  it('applies nothing the second time', async () => {
    await applyMigrations(fresh.url);
    const lines: string[] = [];
    const again = await applyMigrations(fresh.url, { log: (line) => lines.push(line) });
    expect(again.applied).toEqual([]);
    expect(lines.at(-1)).toMatch(/is up to date$/);
    expect(await migrationRows(await open())).toHaveLength(history.length);
  });

  it('leaves a history that Prisma\'s own engine (`prisma migrate status`) reads as complete and unedited', async () => {
    await applyMigrations(fresh.url);
    const engine = await engineFor(provider, fresh.url);
    try {
      expect(await engine.diagnoseMigrationHistory()).toMatchObject({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
    } finally {
      await engine.close();
    }
  });

  it('applies only the migrations added since the last start', async () => {
    copy = copyMigrations(provider);
    await applyMigrations(fresh.url, { migrationsDir: copy.dir });
    copy.add('29990101000000_add_probe', 'CREATE TABLE "Probe" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Probe" ("id") VALUES (1);\n');

    const result = await applyMigrations(fresh.url, { migrationsDir: copy.dir });

    expect(result.applied).toEqual(['29990101000000_add_probe']);
    expect(await (await open()).prisma.$queryRawUnsafe('SELECT "id" FROM "Probe"')).toHaveLength(1);
    expect((await migrationRows(await open())).map((r) => r.migration_name)).toEqual([...history.map((m) => m.name), '29990101000000_add_probe']);
  });

  it('refuses to start when an applied migration was edited afterwards, and changes nothing', async () => {
    copy = copyMigrations(provider);
    await applyMigrations(fresh.url, { migrationsDir: copy.dir });
    const first = history[0]!;
    copy.write(first.name, `${first.sql}\n-- edited after it was applied\n`);
    copy.add('29990101000000_add_probe', 'CREATE TABLE "Probe" ("id" INTEGER NOT NULL PRIMARY KEY);\n');

    const error = await applyMigrations(fresh.url, { migrationsDir: copy.dir }).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'CONFIG_INVALID', details: { edited: [first.name] } });
    expect((error as Error).message).toContain(`migration ${first.name} was modified after it was applied`);
    expect(await listTables(await open())).not.toContain('Probe');
  });

  it('still matches a migration whose only change is CRLF line endings (a Windows checkout)', async () => {
    copy = copyMigrations(provider);
    await applyMigrations(fresh.url, { migrationsDir: copy.dir });
    copy.write(history[0]!.name, history[0]!.sql.replace(/\n/g, '\r\n'));
    await expect(applyMigrations(fresh.url, { migrationsDir: copy.dir })).resolves.toEqual({ applied: [] });
  });

  it('rolls a failing migration back whole, records nothing, and applies it once fixed', async () => {
    copy = copyMigrations(provider);
    await applyMigrations(fresh.url, { migrationsDir: copy.dir });
    copy.add('29990101000000_broken', 'CREATE TABLE "Probe" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);\n');

    const error = await applyMigrations(fresh.url, { migrationsDir: copy.dir }).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: false, details: { migration: '29990101000000_broken' } });
    expect(await listTables(await open())).not.toContain('Probe');
    expect(await migrationRows(await open())).toHaveLength(history.length);

    copy.write('29990101000000_broken', 'CREATE TABLE "Probe" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    await expect(applyMigrations(fresh.url, { migrationsDir: copy.dir })).resolves.toEqual({ applied: ['29990101000000_broken'] });
  });

  it('keeps the rows that reference a table a migration rebuilds (SQLite migrations drop and recreate tables)', async () => {
    copy = copyMigrations(provider);
    await applyMigrations(fresh.url, { migrationsDir: copy.dir });
    const { prisma } = await open();
    const device = await prisma.device.create({ data: { name: 'sw1', host: '192.0.2.1', platform: 'cisco_ios' } });
    await prisma.configBlob.create({ data: { hash: 'h1', content: 'hostname sw1', size: 12 } });
    await prisma.configSnapshot.create({ data: { deviceId: device.id, kind: 'before', hash: 'h1' } });
    const workflow = await prisma.workflow.create({ data: { name: 'wf', versions: { create: { version: 1, definition: '{}', yaml: '' } } }, include: { versions: true } });
    await prisma.run.create({
      data: {
        number: 1, workflowId: workflow.id, workflowVersionId: workflow.versions[0]!.id, target: 'sw1', source: 'cli', requesterName: 'a',
        executions: { create: { deviceId: device.id, deviceName: 'sw1' } },
      },
    });
    // the engine's next migration for a new first column of Device: SQLite can only do that by rebuilding the table
    const schemaFile = join(defaultMigrationsDir(provider), '..', '..', provider === 'sqlite' ? 'schema.sqlite.prisma' : 'schema.postgres.prisma');
    const engine = await migrationEngine(provider, {
      migrationsDir: copy.dir,
      schemaText: readFileSync(schemaFile, 'utf8').replace(/^(model Device \{\n)/m, '$1  serialNumber String @default("")\n'),
    });
    const sql = await engine.diffFromMigrations().finally(() => engine.close());
    if (provider === 'sqlite') expect(sql).toContain('DROP TABLE "Device"');
    copy.add('29990101000000_device_serial', sql);

    await expect(applyMigrations(fresh.url, { migrationsDir: copy.dir })).resolves.toEqual({ applied: ['29990101000000_device_serial'] });

    expect(await prisma.configSnapshot.count()).toBe(1);
    expect(await prisma.execution.count()).toBe(1);
    expect(await prisma.$queryRawUnsafe('SELECT "name", "serialNumber" FROM "Device"')).toEqual([{ name: 'sw1', serialNumber: '' }]);
  });

  it('refuses a history with a failed, unresolved migration left by `prisma migrate deploy`', async () => {
    await applyMigrations(fresh.url);
    await (await open()).prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES ('f', 'x', '29990101000000_half_done', CURRENT_TIMESTAMP, 0)`,
    );
    await expect(applyMigrations(fresh.url)).rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { failed: ['29990101000000_half_done'] } });
  });

  it('warns about, but tolerates, migrations applied by a newer version', async () => {
    await applyMigrations(fresh.url);
    await (await open()).prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES ('n', 'x', '29990101000000_from_the_future', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`,
    );
    const lines: string[] = [];
    await expect(applyMigrations(fresh.url, { log: (line) => lines.push(line) })).resolves.toEqual({ applied: [] });
    expect(lines.join('\n')).toContain('WARNING the database has migrations this version does not know: 29990101000000_from_the_future');
  });

  it('reports an unreachable database as DATABASE_UNAVAILABLE', async () => {
    // SQLite: the database's folder would be inside a regular file
    const url = provider === 'sqlite' ? `file:${fresh.file}.not-a-folder/netops.db` : 'postgresql://postgres:secret@127.0.0.1:1/test';
    if (provider === 'sqlite') writeFileSync(`${fresh.file}.not-a-folder`, '');
    const error = await applyMigrations(url).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect((error as Error).message).not.toContain('secret');
  });
});
