import { fastifySwagger } from '@fastify/swagger';
import { fastifySwaggerUi } from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { openApiComponents } from '../api/api-route.ts';

const TAGS = ['runs', 'devices', 'credentials', 'workflows', 'schedules', 'webhooks', 'audit', 'users', 'tokens'];

/**
 * Collects the OpenAPI document from the routes' schemas. Register at the root before any route:
 * @fastify/swagger sees routes as they are added. Only tagged routes (the API's) are documented.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'NetOps Bot REST API',
        version: '1',
        description: 'Everything the web companion does, as JSON. Send an API token as `Authorization: Bearer <token>` (create one with `netops token create USER` or POST /users/{id}/tokens). Errors are `{"error": {"code", "message", "details"}}`; lists take `page` and `per_page` and answer `total`, `has_next`, `has_previous`.',
      },
      servers: [{ url: '/api/v1' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'an API token (nto_…)' } },
        schemas: openApiComponents(),
      },
      security: [{ bearerAuth: [] }],
      tags: TAGS.map((name) => ({ name })),
    },
    hideUntagged: true,
  });
}

/** GET /api/v1/openapi.json: public (it describes the API, holds no data), so tools can fetch it without a token. */
export async function openApiDocument(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').send(app.swagger()));
}

// Swagger UI loads only its own files from /api/docs/static (no CDN, no inline script); it fetches the
// document from the same origin. This page's policy is its own: the pages' helmet CSP does not apply here.
const DOCS_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** The docs page at /api/docs (swagger-ui from the installed package), in its own encapsulated context. */
export async function apiDocs(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('x-frame-options', 'DENY');
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: DOCS_CSP,
    // BaseLayout: no top bar, whose inline SVG logo carries a <style> element the CSP would block.
    uiConfig: { deepLinking: true, defaultModelsExpandDepth: 0, layout: 'BaseLayout' },
    theme: { title: 'NetOps Bot API' },
  });
}
