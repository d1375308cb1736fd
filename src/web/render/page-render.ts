import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTMX_VERSION } from '../plugins/static-assets.ts';

/** What every page and fragment may use: the user, a CSRF token for plain forms, asset versions. */
export interface PageBase {
  /** Browser tab title (the layout appends the product name). */
  title: string;
  /** Which left-navigation entry is current. */
  nav: 'dashboard' | 'runs' | 'devices' | 'workflows' | 'credentials' | 'schedules' | 'webhooks' | 'audit' | 'users' | 'settings' | 'profile' | 'none';
}

/**
 * True for an htmx request that wants a fragment. A history-restore request (back button after the
 * cache missed) needs the whole page, so it is not one.
 */
export function isHtmx(req: FastifyRequest): boolean {
  return req.headers['hx-request'] === 'true' && req.headers['hx-history-restore-request'] !== 'true';
}

/** The id of the element an htmx request will swap into (HX-Target), or null for a full page load. */
export function htmxTarget(req: FastifyRequest): string | null {
  const target = req.headers['hx-target'];
  return isHtmx(req) && typeof target === 'string' ? target : null;
}

function common(req: FastifyRequest, reply: FastifyReply) {
  // Pages and fragments vary on these headers: a cache must not serve one for the other.
  reply.header('vary', 'HX-Request, HX-Target').header('cache-control', 'no-store');
  return { user: req.user, csrfToken: reply.generateCsrf(), htmxVersion: HTMX_VERSION };
}

/** A full page: views/pages/<view>.hbs inside the main layout; shows (and clears) a flash left by a redirect. */
export async function renderPage(req: FastifyRequest, reply: FastifyReply, view: string, data: PageBase & Record<string, unknown>, status = 200): Promise<string> {
  reply.status(status);
  const flash = req.session.flash;
  if (flash) delete req.session.flash;
  return reply.viewAsync(`pages/${view}.hbs`, { ...common(req, reply), ...(flash ? { flash } : {}), ...data }, { layout: 'layouts/main.hbs' });
}

/** Leaves a message for the page after the next redirect. */
export function flashNext(req: FastifyRequest, kind: 'ok' | 'error' | 'info', text: string): void {
  req.session.flash = { kind, text };
}

/**
 * One partial rendered alone, for htmx. The page template includes the same partial, so page and
 * fragment cannot drift apart.
 */
export async function renderPartial(req: FastifyRequest, reply: FastifyReply, partial: string, data: Record<string, unknown>, status = 200): Promise<string> {
  reply.status(status);
  return reply.viewAsync(`partials/${partial}.hbs`, { ...common(req, reply), ...data });
}

/** After a successful form POST: a 303 for browsers, HX-Redirect for htmx (it would otherwise swap the page in). */
export function redirectAfterPost(req: FastifyRequest, reply: FastifyReply, url: string): FastifyReply {
  if (isHtmx(req)) return reply.header('hx-redirect', url).status(204).send();
  return reply.redirect(url, 303);
}
