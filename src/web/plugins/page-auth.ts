import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireRole, type Role } from '../../core/approvals/roles.ts';
import type { UserRepository } from '../../core/ports/user-repository.ts';
import { isHtmx } from '../render/page-render.ts';

const PUBLIC = [/^\/login(\?|$)/, /^\/assets\//];

/** A local path to return to after login; anything else (other hosts, `//evil`) becomes `/`. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

/** The path of the page an htmx request came from, so login can send the user back there. */
function pathOf(url: string | string[] | undefined): string {
  try {
    return typeof url === 'string' ? new URL(url).pathname : '/';
  } catch {
    return '/';
  }
}

/**
 * Loads the session's user on every page request (so a role change or a disabled account takes effect
 * at once). Without one: a redirect to /login, as HX-Redirect for htmx so the whole page navigates.
 */
export function pageAuth(users: UserRepository) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (PUBLIC.some((re) => re.test(req.url))) return;
    const userId = req.session.userId;
    const user = userId ? await users.findById(userId) : null;
    if (user && !user.disabled) {
      req.user = user;
      return;
    }
    if (userId) await req.session.destroy();
    const back = req.method === 'GET' && !isHtmx(req) ? req.url : pathOf(req.headers['hx-current-url']);
    const login = `/login?next=${encodeURIComponent(safeNext(back))}`;
    if (isHtmx(req)) return reply.header('hx-redirect', login).status(401).send();
    return reply.redirect(login, 303);
  };
}

/** Route guard: refuses with FORBIDDEN (rendered as the 403 page) below the role. */
export function requirePageRole(role: Role, action: string) {
  return async (req: FastifyRequest): Promise<void> => {
    requireRole(req.user!, role, action);
  };
}
