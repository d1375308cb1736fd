// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the build that the prisma CLI
// of the same version embeds), driven through a driver adapter instead of the native schema-engine binary,
// which is downloaded from the internet and cannot be had on a closed network (see STACK.md).
// Dev and test tooling only: scripts/new-migration.js and the lockstep tests. The app never loads it.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
/* global WebAssembly */
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const require = createRequire(import.meta.url);
const prismaDir = fileURLToPath(new URL('../prisma/', import.meta.url));

/** provider → schema file, migrations folder and `migration_lock.toml` provider name. */
export const providers = {
  sqlite: { schemaFile: join(prismaDir, 'schema.sqlite.prisma'), migrationsDir: join(prismaDir, 'migrations', 'sqlite') },
  postgresql: { schemaFile: join(prismaDir, 'schema.postgres.prisma'), migrationsDir: join(prismaDir, 'migrations', 'postgres') },
};

const noFilter = { externalTables: [], externalEnums: [] };
let wasmModule;

async function loadWasm() {
  if (wasmModule) return wasmModule;
  let gluePath;
  try {
    gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  } catch (err) {
    throw new Error('@prisma/schema-engine-wasm is not installed (a devDependency pinned to the prisma CLI\'s engine build)', { cause: err });
  }
  const glue = await import(pathToFileURL(gluePath).href);
  // the engine reports a Rust panic's message here before throwing
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => { globalThis.PRISMA_WASM_PANIC_MESSAGE = message; } };
  const bytes = readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  wasmModule = glue;
  return glue;
}

/**
 * Opens the schema engine for one provider. `url` is the database it talks to: for SQLite a file path
 * (default ':memory:'), for PostgreSQL a connection string (shadow databases are created on that server),
 * with an optional `schema` to work in. `migrationsDir` and `schemaText` replace the committed history and the
 * provider's schema file (tests).
 */
export async function openSchemaEngine(provider, { url, schema, migrationsDir, schemaText: schemaOverride } = {}) {
  const glue = await loadWasm();
  const target = providers[provider];
  if (!target) throw new Error(`unknown provider ${provider}`);
  let factory;
  if (provider === 'sqlite') {
    factory = withSqliteScripts(new PrismaBetterSqlite3({ url: url ?? ':memory:' }));
  } else {
    if (!url) throw new Error('PostgreSQL needs a server: pass a url (e.g. TEST_POSTGRES_URL)');
    factory = postgresFactory(url, schema);
  }
  const schemaText = schemaOverride ?? readFileSync(target.schemaFile, 'utf8');
  const schemaFiles = { files: [{ path: target.schemaFile, content: schemaText }] };
  factory = tracked(factory);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new({ datamodels: [[target.schemaFile, schemaText]] }, () => {}, bound);

  const run = async (command, input) => {
    try {
      return await engine[command](input);
    } catch (err) {
      throw withDriverError(err, bound.errorRegistry);
    }
  };
  const diff = async (from, to) => {
    const result = await run('diff', { from, to, script: true, exitCode: null, filters: noFilter });
    return cleanScript(provider, result.stdout ?? '');
  };
  const migrations = () => readMigrationList(migrationsDir ?? target.migrationsDir);
  return {
    /** SQL that takes an empty database to the current models. */
    diffFromEmpty: () => diff({ tag: 'empty' }, { tag: 'schemaDatamodel', ...schemaFiles }),
    /** SQL that takes the database at the end of the committed history (replayed on a shadow database) to the current models. */
    diffFromMigrations: () => diff({ tag: 'migrations', ...migrations() }, { tag: 'schemaDatamodel', ...schemaFiles }),
    /** SQL that takes the database this engine is connected to (introspected) to the current models. */
    diffFromDatabase: () => diff({ tag: 'schemaDatasource', ...schemaFiles, configDir: prismaDir }, { tag: 'schemaDatamodel', ...schemaFiles }),
    /** What `prisma migrate deploy` does: applies the pending migrations to the connected database. */
    applyMigrations: () => run('applyMigrations', { migrationsList: migrations(), filters: noFilter }),
    /** What `prisma migrate status` reads: the connected database's history against the migrations folder. */
    diagnoseMigrationHistory: () => run('diagnoseMigrationHistory', { migrationsList: migrations(), optInToShadowDatabase: false, filters: noFilter }),
    /** Frees the engine and closes every connection it opened (the engine keeps SQLite's file locked). */
    close: async () => {
      engine.free();
      await factory.disposeAll();
    },
  };
}

/**
 * PrismaPg for the engine. Its own connectToShadowDb is replaced: @prisma/adapter-pg 7.10 drops the shadow
 * database while its pool is still connected ("is being accessed by other users"), leaving it behind.
 */
function postgresFactory(url, schema) {
  const config = { ...pgConfig(url), Client: CatalogCharAsTextClient };
  const main = new PrismaPg(config, schema ? { schema } : undefined);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const admin = new pg.Client(pgConfig(url));
      await admin.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      // the shadow database has only "public": drop a search_path meant for the main database's schema
      const shadow = await new PrismaPg({ ...config, database, options: undefined }).connect();
      let disposed = false;
      return new Proxy(shadow, {
        get(target, prop) {
          if (prop === 'dispose') {
            return async () => {
              if (disposed) return;
              disposed = true;
              await target.dispose();
              await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
              await admin.end();
            };
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

/**
 * The URL as separate pg settings: PrismaPg opens the shadow database with `{ ...config, database }`, which a
 * `connectionString` would silently override (the "shadow" would be the main database).
 */
function pgConfig(url) {
  const u = new URL(url);
  const config = {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
  const options = u.searchParams.get('options');
  if (options) config.options = options;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode && sslmode !== 'disable') config.ssl = sslmode === 'no-verify' ? { rejectUnauthorized: false } : true;
  return config;
}

/** Remembers the adapters the engine connects, so close() can dispose them. */
function tracked(factory) {
  const open = [];
  const keep = async (adapter) => (open.push(adapter), adapter);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
    disposeAll: async () => {
      for (const adapter of open.splice(0)) await adapter.dispose().catch(() => {});
    },
  };
}

/**
 * The Wasm engine replays a migration on SQLite's shadow database as ONE executeRaw call, which
 * better-sqlite3's prepare() refuses ("contains more than one statement"): run such a script with exec().
 */
function withSqliteScripts(factory) {
  const wrap = (adapter) => new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'executeRaw') {
        return async (query) => {
          try {
            return await target.executeRaw(query);
          } catch (err) {
            if (query.args.length > 0 || !/more than one statement/.test(String(err?.cause?.originalMessage ?? err?.message ?? err))) throw err;
            await target.executeScript(query.sql);
            return 0;
          }
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

/** The engine reports a driver error as "External error id#N": put the driver's own message back. */
function withDriverError(err, registry) {
  const id = /External error id#(\d+)/.exec(String(err?.message))?.[1];
  const record = id === undefined ? undefined : registry.consumeError(Number(id));
  if (!record) return err;
  const cause = record.error;
  const detail = cause instanceof Error ? cause.message : JSON.stringify(cause);
  return new Error(`${err.message.split('\n')[0]} ${detail}`, { cause });
}

/**
 * The engine's introspection reads catalog columns of PostgreSQL's one-byte type "char" (pg_class.relkind,
 * pg_constraint.contype…), which @prisma/adapter-pg 7.10 refuses ("Column type 'char' could not be
 * deserialized"). pg already returns those values as strings: this client reports them as text.
 */
class CatalogCharAsTextClient extends pg.Client {
  query(config, values, callback) {
    const fix = (result) => {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const field of r?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
    if (typeof values === 'function') return super.query(config, (err, res) => values(err, err ? res : fix(res)));
    if (typeof callback === 'function') return super.query(config, values, (err, res) => callback(err, err ? res : fix(res)));
    const pending = super.query(config, values);
    return pending && typeof pending.then === 'function' ? pending.then(fix) : pending;
  }
}

/** The committed migrations of one folder, in the shape the engine reads them. */
export function readMigrationList(migrationsDir) {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const names = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8') } },
    })),
  };
}

/**
 * The engine's PostgreSQL diff starts with `CREATE SCHEMA IF NOT EXISTS "public"`: dropped, because the
 * migrator applies migrations in the schema named by the URL (search_path) and creates that schema itself;
 * the statement would need the CREATE privilege on the database even where "public" exists.
 */
function cleanScript(provider, script) {
  let sql = script;
  if (provider === 'postgresql') sql = sql.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/g, '');
  return sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? '' : sql.replace(/^\n+/, '');
}
