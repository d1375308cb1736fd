import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../main/app-context.ts';
import type { ChatAdapter } from '../main/chat-adapter.ts';
import { apiV1 } from './api/api-v1.ts';
import { healthRoutes } from './health-routes.ts';
import { webPages } from './pages/web-pages.ts';
import { apiDocs, openApiDocument, registerOpenApi } from './plugins/api-docs.ts';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler.ts';

/** Builds the HTTP app (API, health, pages) on an app context; tests call this and use inject(). */
export async function buildApp(ctx: AppContext, chat: readonly ChatAdapter[] = []): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: ctx.logger.child({ component: 'web' }) as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }), trustProxy: ctx.config.TRUST_PROXY, frameworkErrors });
  app.decorateRequest('user', null);
  registerErrorHandler(app);
  await registerOpenApi(app);
  await app.register((a) => healthRoutes(a, ctx));
  await app.register(apiV1, { ctx, prefix: '/api/v1' });
  await app.register(openApiDocument, { prefix: '/api/v1' });
  await app.register(apiDocs);
  for (const adapter of chat) await adapter.registerRoutes?.(app);
  await app.register(webPages, { ctx, chat });
  return app;
}
