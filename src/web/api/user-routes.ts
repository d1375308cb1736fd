import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UserAccount } from '../../core/ports/user-accounts.ts';
import { createUser, requireAccount, updateUserStanding, type UserAdminDeps } from '../../core/users/manage-users.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageOf, pageQuery, pageSchema } from './pagination.ts';
import { createUserBody, patchUserBody, userListQuery, userSchema } from './schemas/user-schemas.ts';

const tag = 'users';

/** A user as the API shows it: never the password hash. */
export const presentUser = (u: UserAccount): z.infer<typeof userSchema> => ({
  id: u.id, name: u.name, role: u.role, disabled: u.disabled, has_password: u.hasPassword,
  chat_identities: u.identities.map((c) => ({ platform: c.platform, external_id: c.externalId })),
  active_tokens: u.activeTokens, created_at: u.createdAt.toISOString(),
});

/** Users: everyone may read themself (`/users/me`); admins list, create, change roles and disable. */
export async function userRoutes(app: FastifyInstance, ctx: AppContext, deps: UserAdminDeps): Promise<void> {
  const { accounts } = deps;
  const admin = (action: string) => ['admin', action] as const;

  apiRoute(app, {
    method: 'GET', url: '/users/me', tag, operationId: 'getCurrentUser', summary: "The token's user",
    response: { 200: userSchema },
    handler: async ({ user }) => presentUser(await requireAccount(accounts, user.id)),
  });

  apiRoute(app, {
    method: 'GET', url: '/users', tag, operationId: 'listUsers', summary: 'List users',
    role: admin('listing users'), query: z.object({ ...pageQuery, ...userListQuery.shape }), response: { 200: pageSchema(userSchema) },
    handler: async ({ query: q }) => {
      const { items, total } = await accounts.list({ role: q.role, disabled: q.disabled === undefined ? undefined : q.disabled === 'true' }, { page: q.page, perPage: q.per_page });
      return pageOf(items.map(presentUser), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/users/:id', tag, operationId: 'getUser', summary: 'A user',
    role: admin('viewing users'), params: idOrNameParams, response: { 200: userSchema }, errors: [404],
    handler: async ({ params }) => presentUser(await requireAccount(accounts, params.id)),
  });

  apiRoute(app, {
    method: 'POST', url: '/users', tag, operationId: 'createUser', summary: 'Add a user',
    role: admin('adding users'), body: createUserBody, response: { 201: userSchema }, errors: [409],
    handler: async ({ body, req, reply }) => {
      const created = await createUser(deps, { name: body.name, role: body.role, password: body.password, slackId: body.slack_id, discordId: body.discord_id });
      const view = presentUser(await requireAccount(accounts, created.id));
      await auditApi(ctx.audit, req, { type: 'AUTH', action: 'user.created', objectType: 'user', objectId: created.id, newValue: view });
      reply.header('location', `/api/v1/users/${created.id}`);
      return view;
    },
  });

  apiRoute(app, {
    method: 'PATCH', url: '/users/:id', tag, operationId: 'updateUser', summary: "Change a user's role, or disable / enable them",
    description: 'A disabled user can neither log in nor use API tokens. The last active admin cannot be demoted or disabled (409).',
    role: admin('changing users'), params: idOrNameParams, body: patchUserBody, response: { 200: userSchema }, errors: [404, 409],
    handler: async ({ params, body, req, user }) => {
      const before = await requireAccount(accounts, params.id);
      const losesAdmin = before.role === 'admin' && !before.disabled && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
      const after = await updateUserStanding(deps, user.id, before, { role: body.role, disabled: body.disabled }, { forbidSelf: false });
      await auditApi(ctx.audit, req, {
        type: 'AUTH', action: 'user.updated', level: losesAdmin || body.disabled ? 'WARNING' : 'INFO', objectType: 'user', objectId: after.id,
        oldValue: { role: before.role, disabled: before.disabled }, newValue: { role: after.role, disabled: after.disabled },
      });
      return presentUser(after);
    },
  });
}
