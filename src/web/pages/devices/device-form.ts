import { toDeviceInput } from '../../../core/devices/to-device-input.ts';
import type { FieldIssue } from '../../../core/errors/index.ts';
import { deviceInputSchema } from '../../../core/devices/device-input-schema.ts';
import type { DeviceInput, DeviceRecord } from '../../../core/ports/device-repository.ts';

/** The device form's fields as strings, for re-displaying what the user typed. */
export type DeviceFormValues = Record<'name' | 'host' | 'port' | 'platform' | 'device_type' | 'credential' | 'jump_host' | 'site' | 'location' | 'vendor' | 'model' | 'description' | 'tags', string>;

const FIELDS = ['name', 'host', 'port', 'platform', 'device_type', 'credential', 'jump_host', 'site', 'location', 'vendor', 'model', 'description', 'tags'] as const;

export function formValuesOf(body: unknown): DeviceFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((f) => [f, typeof b[f] === 'string' ? (b[f] as string).trim() : ''])) as DeviceFormValues;
}

export function formValuesFromDevice(d: DeviceRecord): DeviceFormValues {
  return {
    name: d.name, host: d.host, port: String(d.port), platform: d.platform, device_type: d.deviceType, credential: d.credentialName ?? '',
    jump_host: d.jumpHostName ?? '', site: d.site ?? '', location: d.location ?? '', vendor: d.vendor ?? '', model: d.model ?? '',
    description: d.description ?? '', tags: d.tags.join(', '),
  };
}

/**
 * Validates the form with the same zod schema as the CLI and import (empty fields = not given,
 * tags comma-separated). Returns per-field messages keyed by field name for the template.
 */
export function parseDeviceForm(values: DeviceFormValues): { ok: true; input: DeviceInput } | { ok: false; errors: Record<string, string>; issues: FieldIssue[] } {
  const raw: Record<string, unknown> = {};
  for (const f of FIELDS) if (values[f] !== '') raw[f] = values[f];
  raw.tags = values.tags.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean);
  const parsed = deviceInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));
    const errors: Record<string, string> = {};
    for (const i of issues) errors[i.field] ??= i.message;
    return { ok: false, errors, issues };
  }
  return { ok: true, input: toDeviceInput(parsed.data) };
}

