import type { FastifyRequest } from 'fastify';
import { isNetOpsError } from '../../../core/errors/index.ts';
import type { DeviceRecord } from '../../../core/ports/device-repository.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { parseDeviceForm, type DeviceFormValues } from './device-form.ts';

export type SaveDeviceOutcome =
  | { ok: true; record: DeviceRecord; created: boolean }
  | { ok: false; errors: Record<string, string>; status: number };

/**
 * Validates and saves a device form (new when `before` is absent), auditing the change. Refusals come
 * back per field (unknown credential / jump host, name taken) for the full form and the inline row alike.
 */
export async function saveDeviceForm(ctx: AppContext, req: FastifyRequest, values: DeviceFormValues, before?: DeviceRecord): Promise<SaveDeviceOutcome> {
  if (!before && values.name !== '' && (await ctx.devices.findByName(values.name))) {
    return { ok: false, errors: { name: `A device named ${values.name} exists already; edit it instead.` }, status: 409 };
  }
  const parsed = parseDeviceForm(values);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, status: 422 };
  try {
    const { record, created } = await ctx.devices.upsert(parsed.input);
    await auditWeb(ctx, req, { type: 'DEVICE', action: created ? 'device.created' : 'device.updated', actor: req.user, objectType: 'device', objectId: record.id, oldValue: before, newValue: record });
    return { ok: true, record, created };
  } catch (err) {
    if (!isNetOpsError(err) || err.status >= 500) throw err;
    const field = (err.details as { field?: string } | undefined)?.field ?? 'form';
    return { ok: false, errors: { [field]: err.message }, status: err.status === 404 ? 422 : err.status };
  }
}

/** Field name → its label, so an error summary names the field as the form shows it. */
export const DEVICE_FIELD_LABELS: Record<string, string> = {
  name: 'Name', host: 'Host', port: 'SSH port', platform: 'Platform', device_type: 'Type', credential: 'Credential', jump_host: 'Jump host',
  site: 'Site', location: 'Location', vendor: 'Vendor', model: 'Model', description: 'Description', tags: 'Tags', form: 'Device',
};
