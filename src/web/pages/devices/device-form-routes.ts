import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TYPES, PLATFORMS } from '../../../core/devices/device-input-schema.ts';
import { isNetOpsError } from '../../../core/errors/index.ts';
import type { DeviceRecord } from '../../../core/ports/device-repository.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { formValuesFromDevice, formValuesOf, parseDeviceForm, type DeviceFormValues } from './device-form.ts';
import { deviceListQuery, renderDeviceTable } from './device-table.ts';
import type { WebDeviceStore } from './device-store.ts';

type IdParams = { Params: { id: string } };

/** Create, edit (the name is the device's identity and stays fixed) and delete. */
export async function deviceFormRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebDeviceStore }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'changing devices') };

  const showForm = async (req: FastifyRequest, reply: FastifyReply, values: Partial<DeviceFormValues>, opts: { id?: string; errors?: Record<string, string>; status?: number }) =>
    renderPage(req, reply, 'devices/form', {
      title: opts.id ? `Edit ${values.name}` : 'New device', nav: 'devices', values, id: opts.id, errors: opts.errors ?? {},
      platforms: PLATFORMS, deviceTypes: DEVICE_TYPES, credentials: await store.credentialNames(),
    }, opts.status ?? 200);

  /** Saves through the repository; unknown credential / jump host come back as field errors. */
  const save = async (req: FastifyRequest, reply: FastifyReply, values: DeviceFormValues, before?: DeviceRecord) => {
    const id = before?.id;
    const parsed = parseDeviceForm(values);
    if (!parsed.ok) return showForm(req, reply, values, { id, errors: parsed.errors, status: 422 });
    try {
      const { record, created } = await ctx.devices.upsert(parsed.input);
      await auditWeb(ctx, req, { type: 'DEVICE', action: created ? 'device.created' : 'device.updated', actor: req.user, objectType: 'device', objectId: record.id, oldValue: before, newValue: record });
      flashNext(req, 'ok', `Device ${record.name} ${created ? 'created' : 'saved'}.`);
      return reply.redirect(`/devices?search=${encodeURIComponent(record.name)}`, 303);
    } catch (err) {
      if (!isNetOpsError(err) || err.status >= 500) throw err;
      const field = (err.details as { field?: string } | undefined)?.field ?? 'form';
      return showForm(req, reply, values, { id, errors: { [field]: err.message }, status: err.status === 404 ? 422 : err.status });
    }
  };

  app.get('/devices/new', operator, async (req, reply) => showForm(req, reply, { port: '22', platform: 'cisco_ios', device_type: 'router' }, {}));

  app.post('/devices', operator, async (req, reply) => {
    const values = formValuesOf(req.body);
    if (await ctx.devices.findByName(values.name)) {
      return showForm(req, reply, values, { errors: { name: `A device named ${values.name} exists already; edit it instead.` }, status: 409 });
    }
    return save(req, reply, values);
  });

  app.get<IdParams>('/devices/:id/edit', operator, async (req, reply) => {
    const device = await store.get(req.params.id);
    return showForm(req, reply, formValuesFromDevice(device), { id: device.id });
  });

  app.post<IdParams>('/devices/:id', operator, async (req, reply) => {
    const device = await store.get(req.params.id);
    return save(req, reply, { ...formValuesOf(req.body), name: device.name }, device);
  });

  app.post<IdParams>('/devices/:id/delete', { preHandler: requirePageRole('admin', 'deleting devices') }, async (req, reply) => {
    const device = await store.delete(req.params.id);
    await auditWeb(ctx, req, { type: 'DEVICE', action: 'device.deleted', actor: req.user, objectType: 'device', objectId: device.id, oldValue: device });
    const text = `Device ${device.name} deleted.`;
    if (req.headers['hx-request'] === 'true') return renderDeviceTable(ctx, req, reply, deviceListQuery.parse(req.body ?? {}), { flash: { kind: 'ok', text } });
    flashNext(req, 'ok', text);
    return reply.redirect('/devices', 303);
  });
}
