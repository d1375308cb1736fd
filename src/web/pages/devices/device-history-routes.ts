import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { configDiff } from '../../../core/runs/config-diff.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { diffLines } from '../../render/diff-lines.ts';
import { pageNumber } from '../../render/form-values.ts';
import { htmxTarget, renderPage, renderPartial } from '../../render/page-render.ts';
import { pagerFor } from '../../render/pager.ts';
import { DeviceConfigStore, SNAPSHOTS_PER_PAGE } from './device-config-store.ts';
import { deviceGroups, GROUP_KEYS } from './device-groups.ts';
import type { WebDeviceStore } from './device-store.ts';

const groupQuery = z.object({ by: z.enum(GROUP_KEYS).catch('site') });
const configQuery = z.object({
  page: pageNumber,
  from: z.uuid().optional().catch(undefined),
  to: z.uuid().optional().catch(undefined),
});

/**
 * GET /devices/groups — devices counted by site, platform or tag (with status split);
 * GET /devices/:id/config — the last stored running config, its history, and the diff between any two
 * snapshots (default: the last change). Read-only, for everyone signed in.
 */
export async function deviceHistoryRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebDeviceStore }): Promise<void> {
  const configs = new DeviceConfigStore(ctx.configSnapshots);

  app.get('/devices/groups', async (req, reply) => {
    const { by } = groupQuery.parse(req.query);
    const data = { by, keys: GROUP_KEYS, groups: await deviceGroups(ctx.devices, by) };
    if (htmxTarget(req) === 'device-groups') return renderPartial(req, reply, 'devices/device-groups', data);
    return renderPage(req, reply, 'devices/groups', { title: 'Device groups', nav: 'devices', ...data });
  });

  app.get<{ Params: { id: string } }>('/devices/:id/config', async (req, reply) => {
    const device = await store.get(req.params.id);
    const q = configQuery.parse(req.query);
    const [history, change] = await Promise.all([configs.page(device.id, q.page), configs.latestChange(device.id)]);
    const toId = q.to ?? change.latest;
    const fromId = q.from ?? change.previous;
    const [from, to] = await Promise.all([fromId ? configs.content(device.id, fromId, 'from') : null, toId ? configs.content(device.id, toId, 'to') : null]);
    const diff = from && to ? configDiff(device.name, from.content, to.content) : null;
    const compare = { from, to, lines: diffLines(diff), same: Boolean(from && to && diff === null) };
    if (htmxTarget(req) === 'config-diff') return renderPartial(req, reply, 'devices/config-diff', { device, compare });
    const { page: _page, from: _f, to: _t, ...filters } = q;
    const data = { device, compare, snapshots: history.items, pager: pagerFor(`/devices/${device.id}/config`, filters, q.page, SNAPSHOTS_PER_PAGE, history.total) };
    if (htmxTarget(req) === 'config-history') return renderPartial(req, reply, 'devices/config-history', data);
    const latest = change.latest ? await configs.content(device.id, change.latest, 'latest') : null;
    return renderPage(req, reply, 'devices/config', { title: `${device.name} config`, nav: 'devices', latest, ...data });
  });
}
