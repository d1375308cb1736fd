// Configuration for the Prisma CLI (generate, migrate status/diff, studio). NetOps applies migrations itself
// (src/db/migrator.ts) and generates both clients with scripts/prisma-generate.js; this file points the CLI
// at the schema and migration history of the provider DATABASE_URL names, so `npx prisma migrate status`
// and `npx prisma studio` look at the same database as the app.
import { defineConfig } from 'prisma/config';

// process.env rather than env(): env() throws when the variable is unset, even for `prisma --help`
const url = process.env.DATABASE_URL ?? 'file:./data/netops.db';
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? 'prisma/schema.postgres.prisma' : 'prisma/schema.sqlite.prisma',
  migrations: { path: postgres ? 'prisma/migrations/postgres' : 'prisma/migrations/sqlite' },
  datasource: { url },
});
