import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../main/app-context.ts';
import type { ChatAdapter } from '../main/chat-adapter.ts';
import { catalogRoutes } from './api/catalog-routes.ts';
import { runsRoutes } from './api/runs-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { bearerAuth } from './plugins/api-auth.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';

/** Builds the HTTP app (API, health, pages) on an app context; tests call this and use inject(). */
export async function buildApp(ctx: AppContext, chat: readonly ChatAdapter[] = []): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: ctx.logger.child({ component: 'web' }) as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }) });
  app.decorateRequest('user', null);
  registerErrorHandler(app);
  await app.register((a) => healthRoutes(a, ctx));
  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerAuth(ctx.users));
      await runsRoutes(api, ctx);
      await catalogRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  for (const adapter of chat) await adapter.registerRoutes?.(app);
  app.get('/', async (_req, reply) =>
    reply.type('text/html').send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NetOps Bot</title></head><body>` +
        `<h1>NetOps Bot</h1><p>The web companion is coming. Meanwhile: the REST API under <code>/api/v1</code>, ` +
        `<a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, and the CLI (<code>npx netops --help</code>).</p></body></html>`,
    ),
  );
  return app;
}
