import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import type { ChatAdapter } from '../../../main/chat-adapter.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { renderPage } from '../../render/page-render.ts';
import { chatStatuses, settingsView } from './settings-view.ts';

/** GET /settings (admins): chat connections' live state and the effective configuration, read-only and without secrets. */
export async function settingsPages(app: FastifyInstance, { ctx, chat }: { ctx: AppContext; chat: readonly ChatAdapter[] }): Promise<void> {
  app.get('/settings', { preHandler: requirePageRole('admin', 'viewing settings') }, async (req, reply) =>
    renderPage(req, reply, 'settings', { title: 'Settings', nav: 'settings', chat: await chatStatuses(ctx.config, chat), ...settingsView(ctx.config) }));
}
