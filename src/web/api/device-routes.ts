import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { deviceInputSchema, devicePatchSchema } from '../../core/devices/device-input-schema.ts';
import { presentDevice } from '../../core/devices/present-device.ts';
import { requireDevice } from '../../core/devices/require-device.ts';
import { applyDevicePatch, toDeviceInput } from '../../core/devices/to-device-input.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageOf, pageQuery, pageSchema } from './pagination.ts';
import { deviceListQuery, deviceSchema, groupsQuery, groupsSchema } from './schemas/device-schemas.ts';

const tag = 'devices';

/** Devices: list with filters, grouping counts, create, read, change, delete. `:id` is the id or the name. */
export async function deviceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  apiRoute(app, {
    method: 'GET', url: '/devices', tag, operationId: 'listDevices', summary: 'List devices by name, with filters',
    query: z.object({ ...pageQuery, ...deviceListQuery.shape }), response: { 200: pageSchema(deviceSchema) },
    handler: async ({ query: q }) => {
      const { items, total } = await ctx.devices.list({ search: q.search, site: q.site, platform: q.platform, tag: q.tag, status: q.status, deviceType: q.device_type }, { page: q.page, perPage: q.per_page });
      return pageOf(items.map(presentDevice), total, q.page, q.per_page);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/devices/groups', tag, operationId: 'groupDevices', summary: 'Device counts per site, platform or tag',
    description: 'A device with several tags counts once under each.', query: groupsQuery, response: { 200: groupsSchema },
    handler: async ({ query }) => {
      const [groups, all] = await Promise.all([ctx.devices.groupCounts(query.by), ctx.devices.list({}, { page: 1, perPage: 1 })]);
      return { by: query.by, total: all.total, groups };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/devices', tag, operationId: 'createDevice', summary: 'Add a device',
    role: ['operator', 'adding devices'], body: deviceInputSchema, response: { 201: deviceSchema }, errors: [404, 409],
    handler: async ({ body, req, reply }) => {
      if (await ctx.devices.findByName(body.name)) throw new NetOpsError('ALREADY_EXISTS', `A device named "${body.name}" exists already; PATCH it instead.`, { field: 'name' });
      const { record } = await ctx.devices.upsert(toDeviceInput(body));
      await auditApi(ctx.audit, req, { type: 'DEVICE', action: 'device.created', objectType: 'device', objectId: record.id, newValue: presentDevice(record) });
      reply.header('location', `/api/v1/devices/${record.id}`);
      return presentDevice(record);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/devices/:id', tag, operationId: 'getDevice', summary: 'A device',
    params: idOrNameParams, response: { 200: deviceSchema }, errors: [404],
    handler: async ({ params }) => presentDevice(await requireDevice(ctx.devices, params.id)),
  });

  apiRoute(app, {
    method: 'PATCH', url: '/devices/:id', tag, operationId: 'updateDevice', summary: 'Change a device',
    description: 'Only the fields given change; null clears an optional field (credential, jump_host, site…). A new name renames it.',
    role: ['operator', 'changing devices'], params: idOrNameParams, body: devicePatchSchema, response: { 200: deviceSchema }, errors: [404, 409],
    handler: async ({ params, body, req }) => {
      const before = await requireDevice(ctx.devices, params.id);
      const after = await ctx.devices.update(before.id, applyDevicePatch(before, body));
      await auditApi(ctx.audit, req, { type: 'DEVICE', action: 'device.updated', objectType: 'device', objectId: after.id, oldValue: presentDevice(before), newValue: presentDevice(after) });
      return presentDevice(after);
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/devices/:id', tag, operationId: 'deleteDevice', summary: 'Delete a device',
    description: "Past runs keep the device's name.", role: ['admin', 'deleting devices'], params: idOrNameParams, response: { 204: null }, errors: [404],
    handler: async ({ params, req }) => {
      const removed = await ctx.devices.delete((await requireDevice(ctx.devices, params.id)).id);
      await auditApi(ctx.audit, req, { type: 'DEVICE', action: 'device.deleted', objectType: 'device', objectId: removed.id, oldValue: presentDevice(removed) });
      return undefined;
    },
  });
}
