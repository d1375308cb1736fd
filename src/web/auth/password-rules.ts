import { hash, verify } from '@node-rs/argon2';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PasswordHasher } from '../../core/ports/password-hasher.ts';
import type { UserAdminDeps } from '../../core/users/manage-users.ts';
import type { AppContext } from '../../main/app-context.ts';
import { RedisUserSessions } from '../plugins/redis-user-sessions.ts';

/** A new web password: long enough to resist guessing under the login rate limit; no other rules. */
export const newPasswordSchema = z.string().min(12, 'at least 12 characters').max(1024, 'at most 1024 characters');

/** argon2id with the library's defaults, like `netops user add --password-stdin`. */
export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password),
  verify: (stored, password) => verify(stored, password).catch(() => false),
};

/** The user administration use cases' dependencies, for pages and API routes. */
export function userAdminDeps(ctx: AppContext): UserAdminDeps {
  return { accounts: ctx.accounts, sessions: new RedisUserSessions(ctx.redis, ctx.config.REDIS_PREFIX), passwords: argon2Passwords, users: ctx.users };
}

/** The current web session's id (kept when a user changes their own password); undefined for API calls. */
export function currentSessionId(req: FastifyRequest): string | undefined {
  return (req as { session?: { sessionId?: string } }).session?.sessionId;
}
