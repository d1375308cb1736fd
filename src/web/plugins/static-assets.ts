import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastifyStatic } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));
const require = createRequire(import.meta.url);
const HTMX_DIST = dirname(require.resolve('htmx.org/dist/htmx.min.js'));
/** The installed htmx version: it goes into the script URL so a new version is never served from cache. */
export const HTMX_VERSION = (require('htmx.org/package.json') as { version: string }).version;

/**
 * Our CSS/JS from public/ under /assets/, and htmx from the installed package under /assets/vendor/
 * (never a CDN: the CSP allows only 'self', and operators' networks are often closed).
 */
export async function registerStaticAssets(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  const maxAge = opts.production ? '1h' : 0;
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', wildcard: false, maxAge, index: false });
  await app.register(fastifyStatic, {
    root: HTMX_DIST, prefix: '/assets/vendor/', decorateReply: false, wildcard: false, maxAge: opts.production ? '7d' : 0, index: false,
    allowedPath: (path) => path === '/htmx.min.js',
  });
}
