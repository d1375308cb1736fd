#!/usr/bin/env node
// Regenerates prisma/schema.{sqlite,postgres}.prisma from prisma/models.prisma, then both Prisma clients
// (src/generated/sqlite, src/generated/postgres). Runs as `npm install`'s prepare step, so it must work on a
// fresh clone with no network: Prisma's native schema engine is downloaded from the internet and is not
// needed to generate a client (PRISMA_SCHEMA_ENGINE_BINARY=/bin/false), and the update/telemetry check is off.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// installed as someone else's dependency (no prisma/ folder shipped): nothing to generate
if (!existsSync(join(root, 'prisma', 'models.prisma'))) process.exit(0);

execFileSync(process.execPath, [join(root, 'scripts', 'prisma-schemas.js')], { stdio: 'inherit' });

const prismaCli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const started = Date.now();
for (const schema of ['prisma/schema.sqlite.prisma', 'prisma/schema.postgres.prisma']) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: root });
}
console.log(`prisma: generated src/generated/sqlite and src/generated/postgres in ${Date.now() - started} ms`);
