// Types of scripts/prisma-engine.js for the TypeScript tests that use it.

export type EngineProvider = 'sqlite' | 'postgresql';

export declare const providers: Record<EngineProvider, { schemaFile: string; migrationsDir: string }>;

export interface SchemaEngineOptions {
  /** SQLite: database file (default ':memory:'); PostgreSQL: connection string (required) */
  url?: string;
  /** PostgreSQL schema to work in */
  schema?: string;
  /** replaces the committed history folder */
  migrationsDir?: string;
  /** replaces the provider's schema file text */
  schemaText?: string;
}

export interface MigrationHistoryDiagnosis {
  editedMigrationNames: string[];
  failedMigrationNames: string[];
  hasMigrationsTable: boolean;
  history: { diagnostic: string; [key: string]: unknown } | null;
}

export interface SchemaEngineHandle {
  /** SQL that takes an empty database to the current models ('' when nothing to do). */
  diffFromEmpty(): Promise<string>;
  /** SQL from the committed history (replayed on a shadow database) to the current models. */
  diffFromMigrations(): Promise<string>;
  /** SQL from the connected database (introspected) to the current models. */
  diffFromDatabase(): Promise<string>;
  applyMigrations(): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(): Promise<MigrationHistoryDiagnosis>;
  close(): Promise<void>;
}

export declare function openSchemaEngine(provider: EngineProvider, options?: SchemaEngineOptions): Promise<SchemaEngineHandle>;

export declare function readMigrationList(migrationsDir: string): unknown;
