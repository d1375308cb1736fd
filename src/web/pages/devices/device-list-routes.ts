import type { FastifyInstance } from 'fastify';
import { PLATFORMS } from '../../../core/devices/device-input-schema.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { htmxTarget, renderPage } from '../../render/page-render.ts';
import { deviceListQuery, deviceTableData, renderDeviceTable } from './device-table.ts';
import type { WebDeviceStore } from './device-store.ts';

/** GET /devices: search-as-you-type and filters swap #device-table; a normal load renders the page. */
export async function deviceListRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebDeviceStore }): Promise<void> {
  app.get('/devices', async (req, reply) => {
    const q = deviceListQuery.parse(req.query);
    if (htmxTarget(req) === 'device-table') return renderDeviceTable(ctx, req, reply, q);
    const [table, choices] = await Promise.all([deviceTableData(ctx, q), store.choices()]);
    return renderPage(req, reply, 'devices/list', { title: 'Devices', nav: 'devices', ...table, ...choices, allPlatforms: PLATFORMS });
  });
}
