import type { DeviceInputData } from '../../../core/devices/device-input-schema.ts';
import { parseDeviceImport } from '../../../core/devices/parse-device-import.ts';
import { isNetOpsError, type FieldIssue } from '../../../core/errors/index.ts';
import type { DeviceRepository } from '../../../core/ports/device-repository.ts';
import { toDeviceInput } from './device-form.ts';

export type ImportOutcome =
  | { ok: true; created: number; updated: number; names: string[] }
  | { ok: false; message: string; issues: FieldIssue[] };

/**
 * Imports a CSV or YAML device file, all or nothing: the rows are validated by the shared parser, and
 * every credential and jump host they name must exist (or be in the file) before anything is written.
 */
export async function importDevices(
  deps: { devices: DeviceRepository; credentialNames: () => Promise<string[]> },
  text: string,
  format: 'csv' | 'yaml',
): Promise<ImportOutcome> {
  let rows: DeviceInputData[];
  try {
    rows = parseDeviceImport(text, format);
  } catch (err) {
    if (!isNetOpsError(err)) throw err;
    return { ok: false, message: err.message, issues: (err.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [] };
  }
  const rowNumber = (i: number) => (format === 'csv' ? i + 2 : i + 1);
  const credentials = new Set(await deps.credentialNames());
  const devices = new Set([...(await deps.devices.listAll()).map((d) => d.name), ...rows.map((r) => r.name)]);
  const issues: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (r.credential && !credentials.has(r.credential)) issues.push({ field: `row ${rowNumber(i)} credential`, message: `no credential named "${r.credential}"` });
    if (r.jump_host && !devices.has(r.jump_host)) issues.push({ field: `row ${rowNumber(i)} jump_host`, message: `no device named "${r.jump_host}"` });
  });
  if (issues.length > 0) return { ok: false, message: `${issues.length} problem(s) in the device file; nothing was imported.`, issues };
  let created = 0;
  // Jump hosts first, so the devices that name them resolve.
  const ordered = [...rows].sort((a, b) => Number(Boolean(a.jump_host)) - Number(Boolean(b.jump_host)));
  for (const row of ordered) if ((await deps.devices.upsert(toDeviceInput(row))).created) created++;
  return { ok: true, created, updated: rows.length - created, names: rows.map((r) => r.name) };
}
