import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { profileRoutes } from './profile-routes.ts';
import { userAccessRoutes } from './user-access-routes.ts';
import { userAdminRoutes } from './user-admin-routes.ts';
import { WebUserStore } from './user-store.ts';

/** Users and API tokens (admins) and everyone's own profile. */
export async function userPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const opts = { ctx, store: new WebUserStore(ctx.db.prisma) };
  await app.register(userAdminRoutes, opts);
  await app.register(userAccessRoutes, opts);
  await app.register(profileRoutes, opts);
}
