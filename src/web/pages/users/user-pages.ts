import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { userAdminDeps } from '../../auth/password-rules.ts';
import { profileRoutes } from './profile-routes.ts';
import { userAccessRoutes } from './user-access-routes.ts';
import { userAdminRoutes } from './user-admin-routes.ts';

/** Users and API tokens (admins) and everyone's own profile, on the core user administration use cases. */
export async function userPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const opts = { ctx, deps: userAdminDeps(ctx) };
  await app.register(userAdminRoutes, opts);
  await app.register(userAccessRoutes, opts);
  await app.register(profileRoutes, opts);
}
