import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetOpsError } from '../core/errors/index.ts';

/** One committed migration: `<folder>/<name>/migration.sql`. */
export interface MigrationFile {
  /** folder name, `<yyyymmddhhmmss>_<what>`: also the order */
  name: string;
  sql: string;
  /** sha256 (hex) of the file's bytes, as Prisma records it in _prisma_migrations.checksum */
  checksum: string;
}

/** The package's own history for one provider, found next to this file rather than from the working directory. */
export function defaultMigrationsDir(provider: 'sqlite' | 'postgresql'): string {
  const folder = provider === 'sqlite' ? 'sqlite' : 'postgres';
  return fileURLToPath(new URL(`../../prisma/migrations/${folder}/`, import.meta.url));
}

/** Reads every `<name>/migration.sql` of a history folder, in name order. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new NetOpsError('CONFIG_INVALID', `migrations folder ${dir} does not exist`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const file = join(dir, name, 'migration.sql');
      if (!existsSync(file)) return [];
      const bytes = readFileSync(file);
      return [{ name, sql: bytes.toString('utf8'), checksum: sha256(bytes) }];
    });
}

/**
 * Whether a recorded checksum still matches the file. A checkout that only changed line endings
 * (git autocrlf) still matches, as with Prisma.
 */
export function checksumMatches(recorded: string, migration: MigrationFile): boolean {
  if (recorded === migration.checksum) return true;
  const lf = migration.sql.replace(/\r\n/g, '\n');
  return recorded === sha256(lf) || recorded === sha256(lf.replace(/\n/g, '\r\n'));
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
