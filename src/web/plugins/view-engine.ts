import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastifyView } from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import Handlebars from 'handlebars';
import { registerViewHelpers } from '../render/view-helpers.ts';

export const VIEWS_DIR = fileURLToPath(new URL('../../../views/', import.meta.url));

/** Every views/partials/**.hbs by its path: `runs/run-live` → views/partials/runs/run-live.hbs. */
export function discoverPartials(root = join(VIEWS_DIR, 'partials')): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const full = join(entry.parentPath, entry.name);
    found[relative(root, full).replace(/\\/g, '/').replace(/\.hbs$/, '')] = relative(VIEWS_DIR, full);
  }
  return found;
}

/**
 * Handlebars through @fastify/view on a private Handlebars instance (our helpers do not leak into other
 * users of the module). `{{ }}` escapes; the only raw outputs are the layout's body and helpers that
 * build SafeStrings from escaped parts. Templates are cached except in development.
 */
export async function registerViewEngine(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  const handlebars = Handlebars.create();
  registerViewHelpers(handlebars);
  await app.register(fastifyView, {
    engine: { handlebars },
    root: VIEWS_DIR,
    production: opts.production,
    options: { partials: discoverPartials(), compileOptions: { strict: false, preventIndent: true } },
  });
}
