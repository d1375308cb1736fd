import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../main/app-context.ts';
import { optionalText, pageNumber } from '../../render/form-values.ts';
import { renderPartial } from '../../render/page-render.ts';
import { pagerFor } from '../../render/pager.ts';

/** The device table's query (filters + page), its model, and the #device-table fragment. */
export const deviceListQuery = z.object({
  page: pageNumber,
  search: optionalText(),
  site: optionalText(),
  platform: optionalText(),
  tag: optionalText(),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['online', 'offline', 'unknown']).optional()),
});
export type DeviceListQuery = z.infer<typeof deviceListQuery>;

export const DEVICES_PER_PAGE = 50;

/** The table's model for a query; shared by the list route and by actions that answer with the table. */
export async function deviceTableData(ctx: AppContext, q: DeviceListQuery) {
  const { items, total } = await ctx.devices.list(q, { page: q.page, perPage: DEVICES_PER_PAGE });
  const { page: _page, ...filters } = q;
  return { devices: items, filters, pager: pagerFor('/devices', filters, q.page, DEVICES_PER_PAGE, total) };
}

/** Renders #device-table alone (htmx) — the same partial the page includes. */
export async function renderDeviceTable(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, q: DeviceListQuery, extra: Record<string, unknown> = {}) {
  return renderPartial(req, reply, 'devices/device-table', { ...(await deviceTableData(ctx, q)), ...extra });
}
