import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetOpsError } from '../core/errors/index.ts';

/** Where DATABASE_URL points: an embedded SQLite file or a PostgreSQL server (and schema). */
export type DatabaseTarget =
  | { provider: 'sqlite'; /** absolute path of the database file */ path: string; display: string }
  | {
      provider: 'postgresql';
      /** the URL for `pg`, without Prisma's `schema` parameter */
      connectionString: string;
      /** `?schema=NAME`, default "public"; tables live there (adapter option + search_path) */
      schema: string;
      /** the URL with its password masked, for messages and logs */
      display: string;
    };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads DATABASE_URL: `file:PATH` (relative to the working directory; `file:///abs/path` also accepted) or
 * `postgres://` / `postgresql://` with an optional `?schema=NAME`. Anything else is CONFIG_INVALID.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) return parseSqliteUrl(url, cwd);
  if (/^postgres(ql)?:\/\//.test(url)) return parsePostgresUrl(url);
  throw new NetOpsError('CONFIG_INVALID', `DATABASE_URL must start with file: or postgres(ql)://, got ${JSON.stringify(maskPassword(url))}`);
}

function parseSqliteUrl(url: string, cwd: string): DatabaseTarget {
  const rest = url.slice('file:'.length).replace(/\?.*$/, '');
  const path = rest.startsWith('//') ? fileURLToPath(url.replace(/\?.*$/, '')) : rest;
  if (path === '' || path.includes(':memory:')) {
    // migrations and the app use separate connections: an in-memory database would be a different one each time
    throw new NetOpsError('CONFIG_INVALID', `DATABASE_URL must name a SQLite file (e.g. file:./data/netops.db), got ${JSON.stringify(url)}`);
  }
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  return { provider: 'sqlite', path: absolute, display: `file:${absolute}` };
}

function parsePostgresUrl(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NetOpsError('CONFIG_INVALID', `DATABASE_URL is not a valid PostgreSQL URL: ${JSON.stringify(maskPassword(url))}`);
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new NetOpsError('CONFIG_INVALID', `DATABASE_URL ?schema= must be a plain identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
  }
  parsed.searchParams.delete('schema');
  const connectionString = parsed.toString();
  return { provider: 'postgresql', connectionString, schema, display: maskPassword(url) };
}

/** The URL with its password replaced by ***. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/**
 * `pg` connection options that make unqualified names (raw SQL, migrations) resolve in the URL's schema.
 * Merged into the connection string, because `pg` lets URL parameters override config fields.
 */
export function withSearchPath(connectionString: string, schema: string): string {
  // set even for "public": the server's default ("$user", public) would pick a schema named after the user
  const parsed = new URL(connectionString);
  const options = [parsed.searchParams.get('options'), `-c search_path="${schema}"`].filter(Boolean).join(' ');
  parsed.searchParams.set('options', options);
  return parsed.toString();
}
