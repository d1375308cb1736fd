import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DeviceRecord } from '../../core/ports/device-repository.ts';
import type { AppContext } from '../../main/app-context.ts';
import { pageOf, pageQuery } from './pagination.ts';

const deviceQuery = z.object({
  ...pageQuery,
  search: z.string().max(200).optional(),
  site: z.string().optional(),
  platform: z.string().optional(),
  tag: z.string().optional(),
  status: z.enum(['online', 'offline', 'unknown']).optional(),
});

/** The device as the API shows it: never a secret, only the credential's name. */
export const presentDevice = (d: DeviceRecord) => ({
  id: d.id, name: d.name, host: d.host, port: d.port, platform: d.platform, deviceType: d.deviceType, vendor: d.vendor,
  model: d.model, osVersion: d.osVersion, site: d.site, location: d.location, tags: d.tags, description: d.description,
  status: d.status, credential: d.credentialName, jumpHost: d.jumpHostName, hostKeyFingerprint: d.hostKeyFingerprint,
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
});

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/devices', async (req) => {
    const q = deviceQuery.parse(req.query);
    const { items, total } = await ctx.devices.list(q, { page: q.page, perPage: q.per_page });
    return pageOf(items.map(presentDevice), total, q.page, q.per_page);
  });

  app.get('/workflows', async () => {
    const items = await ctx.workflows.list();
    return { items: items.map((w) => ({ ...w, updatedAt: w.updatedAt.toISOString() })), total: items.length };
  });
}
