import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../main/app-context.ts';
import type { ChatAdapter } from '../main/chat-adapter.ts';
import { auditRoutes } from './api/audit-routes.ts';
import { catalogRoutes } from './api/catalog-routes.ts';
import { workflowRoutes } from './api/workflow-routes.ts';
import { runsRoutes } from './api/runs-routes.ts';
import { schedulesRoutes } from './api/schedules-routes.ts';
import { webhooksRoutes } from './api/webhooks-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { webPages } from './pages/web-pages.ts';
import { bearerAuth } from './plugins/api-auth.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';

/** Builds the HTTP app (API, health, pages) on an app context; tests call this and use inject(). */
export async function buildApp(ctx: AppContext, chat: readonly ChatAdapter[] = []): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: ctx.logger.child({ component: 'web' }) as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }), trustProxy: ctx.config.TRUST_PROXY });
  app.decorateRequest('user', null);
  registerErrorHandler(app);
  await app.register((a) => healthRoutes(a, ctx));
  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerAuth(ctx.users));
      await runsRoutes(api, ctx);
      await catalogRoutes(api, ctx);
      await webhooksRoutes(api, ctx);
      await schedulesRoutes(api, ctx);
      await auditRoutes(api, ctx);
      await workflowRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  for (const adapter of chat) await adapter.registerRoutes?.(app);
  await app.register(webPages, { ctx });
  return app;
}
