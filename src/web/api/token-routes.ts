import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { ApiTokenRecord } from '../../core/ports/user-accounts.ts';
import type { UserRecord } from '../../core/ports/user-repository.ts';
import { issueApiToken } from '../../core/users/api-token.ts';
import { requireAccount, type UserAdminDeps } from '../../core/users/manage-users.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { pageOf, pageQuery, pageSchema } from './pagination.ts';
import { createdTokenSchema, createTokenBody, tokenParams, tokenSchema, userRefParams } from './schemas/user-schemas.ts';

const tag = 'tokens';

const presentToken = (t: ApiTokenRecord) => ({
  id: t.id, name: t.name, prefix: t.prefix, created_at: t.createdAt.toISOString(), last_used_at: t.lastUsedAt?.toISOString() ?? null,
  expires_at: t.expiresAt?.toISOString() ?? null, revoked_at: t.revokedAt?.toISOString() ?? null,
});

/** API tokens: a user manages their own (`/users/me/tokens`); admins anyone's. The token is shown once, at creation. */
export async function tokenRoutes(app: FastifyInstance, ctx: AppContext, { accounts }: UserAdminDeps): Promise<void> {
  /** The user whose tokens these are, if the caller may manage them (themself, or an admin). */
  const owner = async (caller: UserRecord, ref: string) => {
    const idOrName = ref === 'me' ? caller.id : ref;
    // Checked before the lookup, so a non-admin cannot probe which user names exist.
    if (!hasRole(caller.role, 'admin') && idOrName !== caller.id && idOrName !== caller.name) {
      throw new NetOpsError('FORBIDDEN', `${caller.name} has role ${caller.role}; managing another user's tokens needs admin.`, { role: caller.role, needed: 'admin' });
    }
    return requireAccount(accounts, idOrName);
  };

  apiRoute(app, {
    method: 'POST', url: '/users/:id/tokens', tag, operationId: 'createToken', summary: 'Create an API token',
    description: 'The token is in this response only; afterwards only its prefix is shown. Your own tokens, or anyone\'s as admin.',
    params: userRefParams, body: createTokenBody, response: { 201: createdTokenSchema }, errors: [403, 404],
    handler: async ({ params, body, user, req, reply }) => {
      const target = await owner(user, params.id);
      if (target.disabled) throw new NetOpsError('INVALID_STATE', `${target.name} is disabled; enable them before creating tokens.`, { field: 'id' });
      const { token, record: row } = await issueApiToken(accounts, target.id, { name: body.name, expiresInDays: body.expires_in_days });
      await auditApi(ctx.audit, req, { type: 'AUTH', action: 'token.created', objectType: 'user', objectId: target.id, newValue: { user: target.name, ...presentToken(row) } });
      reply.header('location', `/api/v1/users/${target.id}/tokens`).header('cache-control', 'no-store');
      return { ...presentToken(row), token };
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/users/:id/tokens', tag, operationId: 'listTokens', summary: "A user's API tokens, newest first",
    params: userRefParams, query: z.object(pageQuery), response: { 200: pageSchema(tokenSchema) }, errors: [403, 404],
    handler: async ({ params, query: q, user }) => {
      const target = await owner(user, params.id);
      const { items, total } = await accounts.tokens(target.id, { page: q.page, perPage: q.per_page });
      return pageOf(items.map(presentToken), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/users/:id/tokens/:tokenId', tag, operationId: 'revokeToken', summary: 'Revoke an API token',
    description: 'It stops working at once; it stays listed with revoked_at.',
    params: tokenParams, response: { 204: null }, errors: [403, 404],
    handler: async ({ params, user, req }) => {
      const target = await owner(user, params.id);
      const token = await accounts.revokeToken(target.id, params.tokenId);
      await auditApi(ctx.audit, req, { type: 'AUTH', action: 'token.revoked', level: 'WARNING', objectType: 'user', objectId: target.id, newValue: { user: target.name, token: token.prefix, name: token.name } });
      return undefined;
    },
  });
}
