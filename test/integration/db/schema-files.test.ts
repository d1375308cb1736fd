import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Prisma as PostgresPrisma } from '../../../src/generated/postgres/client.ts';
import { Prisma as SqlitePrisma } from '../../../src/generated/sqlite/client.ts';
import { readModels } from './helpers/prisma-models.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

async function checkSchemas(projectRoot: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [join(projectRoot, 'scripts', 'prisma-schemas.js'), '--check']);
    return { code: 0, stderr: '' };
  } catch (err) {
    const failure = err as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('the generated schema files', () => {
  it('are up to date with prisma/models.prisma (else run `node scripts/prisma-generate.js`)', async () => {
    expect(await checkSchemas(root)).toEqual({ code: 0, stderr: '' });
  });

  it('are reported stale when models.prisma changes without regenerating them', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'netops-schemas-'));
    try {
      mkdirSync(join(scratch, 'scripts'));
      cpSync(join(root, 'scripts', 'prisma-schemas.js'), join(scratch, 'scripts', 'prisma-schemas.js'));
      cpSync(join(root, 'prisma'), join(scratch, 'prisma'), { recursive: true, filter: (src) => !src.includes('migrations') });
      writeFileSync(join(scratch, 'package.json'), '{"type":"module"}');
      const models = readFileSync(join(scratch, 'prisma', 'models.prisma'), 'utf8');
      writeFileSync(join(scratch, 'prisma', 'models.prisma'), models.replace(/^(model Device \{\n)/m, '$1  serialNumber String?\n'));

      const result = await checkSchemas(scratch);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('stale: prisma/schema.sqlite.prisma, prisma/schema.postgres.prisma');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('the generated clients', () => {
  const models = readModels(fileURLToPath(new URL('../../../prisma/models.prisma', import.meta.url)));

  it.each([
    ['sqlite', SqlitePrisma],
    ['postgres', PostgresPrisma],
  ] as const)('%s client has every model and field of models.prisma (else run `npm install` or scripts/prisma-generate.js)', (_name, namespace) => {
    expect(Object.values(namespace.ModelName).sort()).toEqual([...models.keys()].sort());
    for (const [model, fields] of models) {
      const generated = (namespace as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
      expect({ model, fields: Object.values(generated ?? {}).sort() }).toEqual({ model, fields: fields.map((f) => f.name).sort() });
    }
  });
});
