import { createHmac } from 'node:crypto';
import { fastifyCookie } from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import { fastifySession } from '@fastify/session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSecretKey } from '../../config/secret-key.ts';
import type { AppContext } from '../../main/app-context.ts';
import { RedisSessionStore } from './redis-session-store.ts';

declare module 'fastify' {
  interface Session {
    /** The logged-in user; absent on the anonymous session that only carries the login form's CSRF secret. */
    userId?: string;
    /** A one-time message for the next page (after a redirect), e.g. "Device r1 created." */
    flash?: { kind: 'ok' | 'error' | 'info'; text: string };
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** SESSION_SECRET, or an HMAC of NETOPS_SECRET_KEY so an install has one secret to keep. */
export function sessionSecret(ctx: AppContext): string {
  if (ctx.config.SESSION_SECRET) return ctx.config.SESSION_SECRET;
  const { key } = resolveSecretKey(ctx.config.NETOPS_SECRET_KEY, ctx.config.DATA_DIR);
  return createHmac('sha256', key).update('netops-web-session').digest('hex');
}

/** Forms post `_csrf`; htmx sends the `x-csrf-token` header set once on <body hx-headers>. */
function csrfToken(req: FastifyRequest): string | undefined {
  const body = req.body as { _csrf?: unknown } | undefined;
  if (typeof body?._csrf === 'string') return body._csrf;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Cookie sessions stored in Redis, and CSRF on every state-changing request of the pages.
 * Called inside the pages' encapsulated context so /api, /slack, /discord and health never see it.
 */
export async function registerWebSession(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const maxAgeSeconds = ctx.config.SESSION_MAX_AGE_HOURS * 3600;
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: sessionSecret(ctx),
    cookieName: 'netops_session',
    store: new RedisSessionStore(ctx.redis, ctx.config.REDIS_PREFIX, maxAgeSeconds),
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicUrl.startsWith('https://'),
      path: '/',
      maxAge: maxAgeSeconds * 1000,
    },
  });
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session', getToken: csrfToken });
  // preHandler, not onRequest: a form's token is in the body, which is parsed after onRequest.
  app.addHook('preHandler', (req, reply, done) => {
    if (UNSAFE_METHODS.has(req.method)) app.csrfProtection(req, reply, done);
    else done();
  });
}
