import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCounter } from '../../../src/db/counters.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../../helpers/test-db.ts';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(testProviders)('nextCounter on %s', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('starts at 1 and counts each name on its own', async () => {
    expect(await nextCounter(db.prisma, 'first')).toBe(1);
    expect(await nextCounter(db.prisma, 'first')).toBe(2);
    expect(await nextCounter(db.prisma, 'second')).toBe(1);
  });

  it('gives 50 concurrent callers 50 distinct numbers, 1 to 50', async () => {
    const numbers = await Promise.all(Array.from({ length: 50 }, () => nextCounter(db.prisma, 'race')));
    expect([...numbers].sort((x, y) => x - y)).toEqual(oneTo(50));
  });

  it('gives distinct numbers to two clients (two connections, as two processes would) racing on a new counter', async () => {
    const other = await openDatabase(db.url);
    try {
      const numbers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => nextCounter((i % 2 === 0 ? db : other).prisma, 'two-clients')),
      );
      expect([...numbers].sort((x, y) => x - y)).toEqual(oneTo(50));
    } finally {
      await other.close();
    }
  });

  it('works with an interactive transaction\'s client and is undone with it', async () => {
    const inside = await db.prisma.$transaction((tx) => nextCounter(tx, 'tx'));
    expect(inside).toBe(1);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await nextCounter(tx, 'tx');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await nextCounter(db.prisma, 'tx')).toBe(2);
  });
});
