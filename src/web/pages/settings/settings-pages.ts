import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { renderPage } from '../../render/page-render.ts';
import { settingsView } from './settings-view.ts';

/** GET /settings (admins): chat connections and the effective configuration, read-only and without secrets. */
export async function settingsPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/settings', { preHandler: requirePageRole('admin', 'viewing settings') }, async (req, reply) =>
    renderPage(req, reply, 'settings', { title: 'Settings', nav: 'settings', ...settingsView(ctx.config) }));
}
