import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { defaultMigrationsDir, readMigrations } from '../../../src/db/migration-files.ts';
import { freshTestDatabaseUrl, testProviders, type TestDatabaseUrl, type TestProvider } from '../../helpers/test-db.ts';
import { migrationRows } from './helpers/introspect.ts';
import { copyMigrations, type MigrationsCopy } from './helpers/migrations-copy.ts';

const runTs = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));
const child = fileURLToPath(new URL('./helpers/apply-migrations-child.ts', import.meta.url));
const PROCESSES = 4;
const ROWS = 200_000;

/** A migration that takes long enough (bulk insert) for the processes to overlap while it runs. */
function slowMigration(provider: TestProvider): string {
  return provider === 'sqlite'
    ? `CREATE TABLE "Bulk" ("n" INTEGER NOT NULL);\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) INSERT INTO "Bulk" ("n") SELECT x FROM c;\n`
    : `CREATE TABLE "Bulk" ("n" INTEGER NOT NULL);\nINSERT INTO "Bulk" ("n") SELECT generate_series(1, ${ROWS});\n`;
}

interface Outcome {
  ok: boolean;
  applied?: string[];
  code?: string;
  message?: string;
}

/** Starts the children, waits until each has loaded the migrator, then releases them together. */
async function startTogether(args: string[]): Promise<Outcome[]> {
  const children: ChildProcess[] = [];
  const outputs: Promise<string>[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const proc = spawn(process.execPath, [runTs, child, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(proc);
    outputs.push(
      new Promise((resolve) => {
        let text = '';
        proc.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
        proc.on('close', () => resolve(text));
      }),
    );
  }
  await Promise.all(
    children.map(async (proc) => {
      let seen = '';
      while (!seen.includes('ready\n')) seen += String((await once(proc.stdout!, 'data'))[0]);
    }),
  );
  for (const proc of children) proc.stdin!.write('go\n');
  const texts = await Promise.all(outputs);
  return texts.map((text) => JSON.parse(text.replace('ready\n', '').trim()) as Outcome);
}

describe.each(testProviders)('applyMigrations from several processes at once on %s', (provider) => {
  let fresh: TestDatabaseUrl | undefined;
  let copy: MigrationsCopy | undefined;
  afterEach(async () => {
    copy?.remove();
    await fresh?.drop();
  });

  it('applies each migration exactly once and every process starts', async () => {
    fresh = freshTestDatabaseUrl(provider);
    copy = copyMigrations(provider);
    copy.add('29990101000000_bulk', slowMigration(provider));
    const names = [...readMigrations(defaultMigrationsDir(provider)).map((m) => m.name), '29990101000000_bulk'];

    const outcomes = await startTogether([fresh.url, copy.dir]);

    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.flatMap((o) => o.applied ?? []).sort()).toEqual(names.sort());
    const db = await openDatabase(fresh.url);
    try {
      expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(names);
      const [{ n }] = await db.prisma.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT count(*) AS n FROM "Bulk"') as [{ n: bigint | number }];
      expect(Number(n)).toBe(ROWS);
    } finally {
      await db.close();
    }
  }, 60_000);
});
