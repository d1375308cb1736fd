import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../main/app-context.ts';
import { safeNext } from '../plugins/page-auth.ts';
import { formatDateTime } from '../render/format.ts';
import { renderPage } from '../render/page-render.ts';
import { auditWeb } from './web-audit.ts';
import { checkPasswordLogin } from './password-login.ts';

const loginForm = z.object({
  name: z.string().trim().max(200).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(2000).optional(),
});

/** GET/POST /login and POST /logout. The login POST is rate limited per IP and counts toward a lockout. */
export async function loginRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const page = { title: 'Log in', nav: 'none' as const };

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (req.session.userId && (await ctx.users.findById(req.session.userId))) return reply.redirect(safeNext(req.query.next), 303);
    // A Secure cookie is never stored over http, so the form could not work: say why up front.
    const overHttp = ctx.config.publicUrl.startsWith('https://') && req.protocol !== 'https';
    const error = overHttp ? 'BASE_URL is https but this page came over http, so no session can be kept. Open the https address, or set TRUST_PROXY behind a TLS proxy.' : undefined;
    return renderPage(req, reply, 'login', { ...page, next: safeNext(req.query.next), error }, overHttp ? 400 : 200);
  });

  app.post('/login', { config: { rateLimit: { max: ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } } }, async (req, reply) => {
    const form = loginForm.parse(req.body ?? {});
    const next = safeNext(form.next);
    const result = await checkPasswordLogin(ctx.accounts, form.name, form.password, {
      maxFailures: ctx.config.LOGIN_LOCKOUT_FAILURES, lockMinutes: ctx.config.LOGIN_LOCKOUT_MINUTES,
    });
    if (!result.ok) {
      const locked = result.reason === 'locked';
      await auditWeb(ctx, req, {
        type: 'AUTH', action: locked ? 'login.locked' : 'login.failed', level: 'WARNING', actor: result.userId ? { id: result.userId, name: form.name } : null,
        objectType: 'user', ...(result.userId ? { objectId: result.userId } : {}), message: `web login refused for "${form.name.slice(0, 100)}": ${result.reason}`,
      });
      const error = locked
        ? `Too many failed logins: this account is locked until ${formatDateTime(result.lockedUntil)}. An admin can unlock it sooner.`
        : result.reason === 'disabled' ? 'This account is disabled. Ask an admin.' : 'Wrong user name or password.';
      return renderPage(req, reply, 'login', { ...page, next, name: form.name, error }, locked || result.reason === 'disabled' ? 403 : 401);
    }
    // A fresh session id at the moment of login defeats session fixation.
    await req.session.regenerate();
    req.session.userId = result.user.id;
    await req.session.save();
    await auditWeb(ctx, req, { type: 'AUTH', action: 'login.succeeded', actor: result.user, objectType: 'user', objectId: result.user.id });
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (req, reply) => {
    if (req.user) await auditWeb(ctx, req, { type: 'AUTH', action: 'logout', actor: req.user, objectType: 'user', objectId: req.user.id });
    await req.session.destroy();
    return reply.redirect('/login', 303);
  });
}
