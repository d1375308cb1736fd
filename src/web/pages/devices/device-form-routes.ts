import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TYPES, PLATFORMS } from '../../../core/devices/device-input-schema.ts';
import type { DeviceRecord } from '../../../core/ports/device-repository.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, isHtmx, renderPage, renderPartial } from '../../render/page-render.ts';
import { formValuesFromDevice, formValuesOf, type DeviceFormValues } from './device-form.ts';
import { deviceListQuery, renderDeviceTable } from './device-table.ts';
import type { WebDeviceStore } from './device-store.ts';
import { DEVICE_FIELD_LABELS, saveDeviceForm } from './save-device.ts';

type IdParams = { Params: { id: string } };
type FormOpts = { id?: string | undefined; errors?: Record<string, string>; status?: number };

const NEW_DEVICE: Partial<DeviceFormValues> = { port: '22', platform: 'cisco_ios', device_type: 'router' };

/**
 * Create, edit (the name is the device's identity and stays fixed) and delete. With htmx the form is a
 * row of the table (GET …/edit swaps the row for it, saving swaps the rendered row back, cancel restores
 * it); without, the same routes serve a full form page.
 */
export async function deviceFormRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebDeviceStore }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'changing devices') };

  /** The full page, or (htmx) the table row in edit mode, with per-field errors and a summary naming the fields. */
  const showForm = async (req: FastifyRequest, reply: FastifyReply, values: Partial<DeviceFormValues>, opts: FormOpts) => {
    const errors = opts.errors ?? {};
    const data = { values, id: opts.id, errors, platforms: PLATFORMS, deviceTypes: DEVICE_TYPES, credentials: await store.credentialNames() };
    if (isHtmx(req)) {
      const summary = Object.entries(errors).map(([field, message]) => ({ field, label: DEVICE_FIELD_LABELS[field] ?? field, message }));
      const idp = opts.id ? `e-${opts.id}-` : 'n-';
      return renderPartial(req, reply, 'devices/device-edit-row', { ...data, summary, inline: true, idp }, opts.status ?? 200);
    }
    return renderPage(req, reply, 'devices/form', { title: opts.id ? `Edit ${values.name}` : 'New device', nav: 'devices', ...data }, opts.status ?? 200);
  };

  /** One rendered row (htmx), with what happened in the flash region (out of band) and focus back on Edit. */
  const showRow = (req: FastifyRequest, reply: FastifyReply, device: DeviceRecord, text: string | null, status = 200) =>
    renderPartial(req, reply, 'devices/device-row', { ...device, focusEdit: true, ...(text ? { rowFlash: { kind: 'ok', text } } : {}) }, status);

  const save = async (req: FastifyRequest, reply: FastifyReply, values: DeviceFormValues, before?: DeviceRecord) => {
    const outcome = await saveDeviceForm(ctx, req, values, before);
    if (!outcome.ok) return showForm(req, reply, values, { id: before?.id, errors: outcome.errors, status: outcome.status });
    const { record, created } = outcome;
    store.forgetChoices(); // a new site or tag shows in the filters at once
    const text = `Device ${record.name} ${created ? 'created' : 'saved'}.`;
    if (isHtmx(req)) return showRow(req, reply, record, text, created ? 201 : 200);
    flashNext(req, 'ok', text);
    return reply.redirect(`/devices?search=${encodeURIComponent(record.name)}`, 303);
  };

  app.get('/devices/new', operator, async (req, reply) => showForm(req, reply, NEW_DEVICE, {}));

  app.post('/devices', operator, async (req, reply) => save(req, reply, formValuesOf(req.body)));

  app.get<IdParams>('/devices/:id/edit', operator, async (req, reply) => {
    const device = await store.get(req.params.id);
    return showForm(req, reply, formValuesFromDevice(device), { id: device.id });
  });

  /** The row as the table shows it: what "Cancel" (or Escape) on an edit row swaps back. */
  app.get<IdParams>('/devices/:id/row', async (req, reply) => showRow(req, reply, await store.get(req.params.id), null));

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
