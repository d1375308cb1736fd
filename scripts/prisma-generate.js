// Generates both Prisma clients (SQLite and PostgreSQL) without Prisma's native schema engine,
// which is downloaded from the internet and unavailable on closed networks (see STACK.md).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
if (!existsSync('prisma/schema.sqlite.prisma')) process.exit(0);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
for (const schema of ['prisma/schema.sqlite.prisma', 'prisma/schema.postgres.prisma']) {
  execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', schema], { stdio: 'inherit', env });
}
