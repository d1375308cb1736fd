import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../../src/db/database-url.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { applyMigrations } from '../../../src/db/migrator.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../../helpers/test-db.ts';
import { listTables } from './helpers/introspect.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe.each(testProviders)('openDatabase on %s', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('returns a working client for the provider named by the URL', async () => {
    expect(db.provider).toBe(provider);
    const user = await db.prisma.user.create({ data: { name: `alice-${provider}` } });
    expect(await db.prisma.user.findUnique({ where: { id: user.id } })).toMatchObject({ name: `alice-${provider}`, role: 'viewer' });
  });

  it('enforces foreign keys', async () => {
    await expect(
      db.prisma.apiToken.create({ data: { userId: 'no-such-user', name: 't', prefix: 'p', tokenHash: `h-${provider}` } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });
});

describe('openDatabase on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netops-db-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent folders and sets WAL, busy_timeout 5000, foreign_keys ON and synchronous NORMAL', async () => {
    const url = `file:${join(dir, 'nested', 'deeper', 'netops.db')}`;
    const db = await openDatabase(url);
    try {
      expect(existsSync(join(dir, 'nested', 'deeper', 'netops.db'))).toBe(true);
      const pragma = async (name: string) => Object.values((await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]!)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(Number(await pragma('busy_timeout'))).toBe(5000);
      expect(Number(await pragma('foreign_keys'))).toBe(1);
      expect(Number(await pragma('synchronous'))).toBe(1); // NORMAL
    } finally {
      await db.close();
    }
  });

  it('keeps the settings on a connection opened again after $disconnect', async () => {
    const url = `file:${join(dir, 'reconnect.db')}`;
    await applyMigrations(url);
    const db = await openDatabase(url);
    try {
      await db.prisma.$disconnect();
      // better-sqlite3's own defaults are foreign_keys 1 and synchronous 2 (FULL): NORMAL proves the setup ran again
      const [row] = await db.prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous');
      expect(Number(row!.synchronous)).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('holds the write lock from the start of an interactive transaction, so a read-then-write cannot go stale', async () => {
    const file = join(dir, 'tx.db');
    await applyMigrations(`file:${file}`);
    const db = await openDatabase(`file:${file}`);
    // another process asks for the write lock without waiting while the transaction is between its read and its write
    const otherWriterIsBlocked = () =>
      run(process.execPath, [
        '-e',
        `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}, { timeout: 0 });
         try { d.exec('BEGIN IMMEDIATE'); d.exec('ROLLBACK'); console.log('got it'); } catch (e) { console.log(e.code); }`,
      ], { cwd: root }).then((r) => r.stdout.trim() === 'SQLITE_BUSY');
    try {
      const blocked = await db.prisma.$transaction(async (tx) => {
        await tx.user.findMany();
        const result = await otherWriterIsBlocked();
        await tx.user.create({ data: { name: 'after-read' } });
        return result;
      });
      expect(blocked).toBe(true);
      expect(await otherWriterIsBlocked()).toBe(false);
      expect(await db.prisma.user.count({ where: { name: 'after-read' } })).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('reads relative paths from the working directory and accepts file:// URLs', () => {
    expect(parseDatabaseUrl('file:./data/netops.db', '/srv/netops')).toMatchObject({ provider: 'sqlite', path: '/srv/netops/data/netops.db' });
    expect(parseDatabaseUrl('file:data/netops.db?connection_limit=1', '/srv/netops')).toMatchObject({ path: '/srv/netops/data/netops.db' });
    expect(parseDatabaseUrl(pathToFileURL('/var/lib/netops/netops.db').href)).toMatchObject({ path: '/var/lib/netops/netops.db' });
    expect(parseDatabaseUrl('file:/var/lib/netops/netops.db')).toMatchObject({ path: '/var/lib/netops/netops.db' });
  });
});

describe('openDatabase with a bad DATABASE_URL', () => {
  it.each([
    ['mysql://root@localhost/netops'],
    ['netops.db'],
    ['sqlite:./netops.db'],
  ])('refuses %s with CONFIG_INVALID naming what is accepted', async (url) => {
    const error = await openDatabase(url).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/^DATABASE_URL must start with file: or postgres\(ql\):\/\/, got /);
  });

  it('refuses an in-memory SQLite database (migrations and the app would see different ones)', async () => {
    await expect(openDatabase('file::memory:')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase('postgresql://postgres@127.0.0.1:5432/test?schema=x";drop')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('masks the password in messages', async () => {
    const error = await openDatabase('mysql://root:hunter2@localhost/netops').catch((err: unknown) => err);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('reports a PostgreSQL server that does not answer as DATABASE_UNAVAILABLE, without the password', async () => {
    const error = await openDatabase('postgresql://postgres:hunter2@127.0.0.1:1/netops').catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect((error as Error).message).toContain('cannot open PostgreSQL at postgresql://postgres:***@127.0.0.1:1/netops');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe.runIf(testProviders.includes('postgresql'))('openDatabase on PostgreSQL with ?schema=', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('postgresql'), createTestDatabase('postgresql')]);
  });
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('keeps each schema\'s tables and rows apart, for the client and for raw SQL', async () => {
    await a.prisma.device.create({ data: { name: 'only-in-a', host: '192.0.2.1', platform: 'linux' } });

    expect(await b.prisma.device.count()).toBe(0);
    expect(await a.prisma.device.count()).toBe(1);
    const [row] = await a.prisma.$queryRawUnsafe<{ schema: string; n: bigint }[]>('SELECT current_schema() AS schema, (SELECT count(*) FROM "Device") AS n');
    expect(row).toEqual({ schema: a.schema, n: 1n });
    expect(await listTables(b)).toContain('Device');
  });
});
