import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir } from '../../../../src/db/migration-files.ts';
import type { TestProvider } from '../../../helpers/test-db.ts';

/** A scratch copy of a provider's committed history, to add or edit migrations in without touching the repo. */
export interface MigrationsCopy {
  dir: string;
  /** Adds `<name>/migration.sql`. */
  add(name: string, sql: string): void;
  /** Overwrites an existing migration's SQL. */
  write(name: string, sql: string): void;
  remove(): void;
}

export function copyMigrations(provider: TestProvider): MigrationsCopy {
  const root = mkdtempSync(join(tmpdir(), 'netops-migrations-'));
  const dir = join(root, provider);
  cpSync(defaultMigrationsDir(provider), dir, { recursive: true });
  const write = (name: string, sql: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  };
  return { dir, add: write, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
