import { isNetOpsError, type FieldIssue } from '../errors/index.ts';
import type { CredentialRepository } from '../ports/credential-repository.ts';
import type { DeviceRepository } from '../ports/device-repository.ts';
import type { DeviceInputData } from './device-input-schema.ts';
import { parseDeviceImport } from './parse-device-import.ts';
import { toDeviceInput } from './to-device-input.ts';

export type ImportOutcome =
  | { ok: true; created: number; updated: number; names: string[] }
  | { ok: false; message: string; issues: FieldIssue[] };

export interface ImportDevicesDeps {
  devices: Pick<DeviceRepository, 'listAll' | 'upsertMany'>;
  credentials: Pick<CredentialRepository, 'list'>;
}

/**
 * Imports a CSV or YAML device file, all or nothing: the rows are validated by the shared parser, every
 * credential and jump host they name must exist (or be in the file), and the rows are written in one
 * transaction. Problems come back per row (`row 3 host`), never half an import.
 */
export async function importDevices(deps: ImportDevicesDeps, text: string, format: 'csv' | 'yaml'): Promise<ImportOutcome> {
  let rows: DeviceInputData[];
  try {
    rows = parseDeviceImport(text, format);
  } catch (err) {
    if (!isNetOpsError(err)) throw err;
    return { ok: false, message: err.message, issues: (err.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [] };
  }
  const rowNumber = (i: number) => (format === 'csv' ? i + 2 : i + 1);
  const credentials = new Set((await deps.credentials.list()).map((c) => c.name));
  const devices = new Set([...(await deps.devices.listAll()).map((d) => d.name), ...rows.map((r) => r.name)]);
  const issues: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (r.credential && !credentials.has(r.credential)) issues.push({ field: `row ${rowNumber(i)} credential`, message: `no credential named "${r.credential}"` });
    if (r.jump_host && !devices.has(r.jump_host)) issues.push({ field: `row ${rowNumber(i)} jump_host`, message: `no device named "${r.jump_host}"` });
  });
  if (issues.length > 0) return { ok: false, message: `${issues.length} problem(s) in the device file; nothing was imported.`, issues };
  // Jump hosts first, so the devices that name them resolve.
  const ordered = [...rows].sort((a, b) => Number(Boolean(a.jump_host)) - Number(Boolean(b.jump_host)));
  const { created, updated } = await deps.devices.upsertMany(ordered.map(toDeviceInput));
  return { ok: true, created, updated, names: rows.map((r) => r.name) };
}
