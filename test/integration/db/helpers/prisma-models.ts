import { readFileSync } from 'node:fs';

/** A scalar field of a model as prisma/models.prisma declares it (relation fields left out: they have no column). */
export interface ModelField {
  name: string;
  type: string;
  optional: boolean;
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

/**
 * Reads the models of a Prisma schema: model name → scalar fields (the table's columns). Deliberately small:
 * one field per line, as `prisma format` writes them; enums count as scalars.
 */
export function readModels(path: string): Map<string, ModelField[]> {
  const text = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '');
  const enums = new Set([...text.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const models = new Map<string, ModelField[]>();
  for (const block of text.matchAll(/^\s*model\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm)) {
    const fields: ModelField[] = [];
    for (const line of block[2]!.split('\n')) {
      const m = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!m || line.trim().startsWith('@@')) continue;
      const [, name, type, list, optional] = m;
      if (list || !(SCALARS.has(type!) || enums.has(type!))) continue;
      fields.push({ name: name!, type: type!, optional: optional === '?' });
    }
    models.set(block[1]!, fields);
  }
  return models;
}
