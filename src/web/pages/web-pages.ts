import { fastifyFormbody } from '@fastify/formbody';
import { fastifyRateLimit } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../main/app-context.ts';
import type { ChatAdapter } from '../../main/chat-adapter.ts';
import { loginRoutes } from '../auth/login-routes.ts';
import { pageAuth } from '../plugins/page-auth.ts';
import { registerPageErrors } from '../plugins/page-errors.ts';
import { registerSecurityHeaders } from '../plugins/security-headers.ts';
import { registerStaticAssets } from '../plugins/static-assets.ts';
import { registerViewEngine } from '../plugins/view-engine.ts';
import { registerWebSession } from '../plugins/web-session.ts';
import { auditPages } from './audit/audit-pages.ts';
import { credentialPages } from './credentials/credential-pages.ts';
import { dashboardPages } from './dashboard/dashboard-pages.ts';
import { devicePages } from './devices/device-pages.ts';
import { runPages } from './runs/run-pages.ts';
import { schedulePages } from './schedules/schedule-pages.ts';
import { settingsPages } from './settings/settings-pages.ts';
import { userPages } from './users/user-pages.ts';
import { webhookPages } from './webhooks/webhook-pages.ts';
import { workflowPages } from './workflows/workflow-pages.ts';

/**
 * The web companion: an encapsulated context, so its session, CSRF, helmet, form parser and HTML errors
 * apply to the pages only — /api/v1, /slack, /discord and the health checks keep their own auth and formats.
 */
export async function webPages(app: FastifyInstance, { ctx, chat = [] }: { ctx: AppContext; chat?: readonly ChatAdapter[] }): Promise<void> {
  const production = ctx.config.NODE_ENV !== 'development';
  await registerSecurityHeaders(app, { https: ctx.config.publicUrl.startsWith('https://') });
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
  await registerWebSession(app, ctx);
  await app.register(fastifyRateLimit, { global: false, redis: ctx.redis, nameSpace: `${ctx.config.REDIS_PREFIX}:rl:` });
  await registerViewEngine(app, { production });
  await registerStaticAssets(app, { production });
  registerPageErrors(app);
  app.addHook('onRequest', pageAuth(ctx.users));

  await app.register(loginRoutes, { ctx });
  await app.register(dashboardPages, { ctx });
  await app.register(runPages, { ctx });
  await app.register(devicePages, { ctx });
  await app.register(workflowPages, { ctx });
  await app.register(credentialPages, { ctx });
  await app.register(auditPages, { ctx });
  await app.register(schedulePages, { ctx });
  await app.register(webhookPages, { ctx });
  await app.register(userPages, { ctx });
  await app.register(settingsPages, { ctx, chat });
}
