import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../main/app-context.ts';
import { userAdminDeps } from '../auth/password-rules.ts';
import { bearerAuth } from '../plugins/api-auth.ts';
import { registerApiCors } from '../plugins/api-cors.ts';
import { registerApiRateLimit } from '../plugins/api-rate-limit.ts';
import { auditRoutes } from './audit-routes.ts';
import { credentialRoutes } from './credential-routes.ts';
import { deviceActionRoutes } from './device-action-routes.ts';
import { deviceRoutes } from './device-routes.ts';
import { runsRoutes } from './runs-routes.ts';
import { schedulesRoutes } from './schedules-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';
import { webhooksRoutes } from './webhooks-routes.ts';
import { workflowAdminRoutes } from './workflow-admin-routes.ts';
import { workflowRoutes } from './workflow-routes.ts';

/** Device files may be posted as they are; the import route reads `{format, text}` whatever the media type. */
const TEXT_BODIES: Record<string, 'csv' | 'yaml'> = { 'text/csv': 'csv', 'application/yaml': 'yaml', 'text/yaml': 'yaml', 'application/x-yaml': 'yaml' };

/**
 * The REST API v1 (registered under /api/v1): JSON, bearer tokens, zod-validated input, one error shape.
 * Order of the hooks: CORS (answers preflights) → rate limit (before any database read) → token.
 */
export async function apiV1(api: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  // Route schemas are JSON Schema generated from the zod schemas, for the OpenAPI document only: zod
  // validates (in apiRoute), and responses are sent as they are (no schema-driven field stripping).
  api.setValidatorCompiler(() => () => true);
  api.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // An action without a body (test, cancel) may still say content-type: application/json: empty means "no body".
  const json = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => (body === '' ? done(null, undefined) : json(req, String(body), done)));
  api.addContentTypeParser(Object.keys(TEXT_BODIES), { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (req, body, done) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    done(null, { format: TEXT_BODIES[type] ?? 'csv', text: body });
  });

  await registerApiCors(api, ctx.config.CORS_ORIGINS);
  await registerApiRateLimit(api, { redis: ctx.redis, prefix: `${ctx.config.REDIS_PREFIX}:rl:api:`, perMinute: ctx.config.API_RATE_LIMIT_PER_MINUTE });
  api.addHook('onRequest', bearerAuth(ctx.users));

  const users = userAdminDeps(ctx);
  await runsRoutes(api, ctx);
  await deviceRoutes(api, ctx);
  await deviceActionRoutes(api, ctx);
  await credentialRoutes(api, ctx);
  await workflowRoutes(api, ctx);
  await workflowAdminRoutes(api, ctx);
  await webhooksRoutes(api, ctx);
  await schedulesRoutes(api, ctx);
  await auditRoutes(api, ctx);
  await userRoutes(api, ctx, users);
  await tokenRoutes(api, ctx, users);
}
