import { parse as parseYaml } from 'yaml';
import { NetOpsError, type FieldIssue } from '../errors/index.ts';
import { deviceInputSchema, type DeviceInputData } from './device-input-schema.ts';

/** Splits one CSV line, honouring "quoted, fields" and "" escapes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cur); cur = ''; }
    else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

function csvRows(text: string): Record<string, unknown>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    const row: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const v = cells[i];
      if (v === undefined || v === '') return;
      row[h] = h === 'tags' ? v.split(/[;|]/).map((t) => t.trim()).filter(Boolean) : v;
    });
    return row;
  });
}

/**
 * Parses a device file (CSV with a header row, or YAML: a list or `{devices: [...]}`).
 * All-or-nothing: any bad row → one error listing every problem as `row N field: message`.
 */
export function parseDeviceImport(text: string, format: 'csv' | 'yaml'): DeviceInputData[] {
  let rows: unknown[];
  if (format === 'csv') rows = csvRows(text);
  else {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (err) {
      throw new NetOpsError('VALIDATION_FAILED', `The YAML does not parse: ${err instanceof Error ? err.message : String(err)}`);
    }
    rows = Array.isArray(doc) ? doc : Array.isArray((doc as { devices?: unknown })?.devices) ? (doc as { devices: unknown[] }).devices : [];
  }
  if (rows.length === 0) throw new NetOpsError('VALIDATION_FAILED', 'The file has no devices (CSV: a header row and one row per device; YAML: a list or devices: [...]).');
  const issues: FieldIssue[] = [];
  const devices: DeviceInputData[] = [];
  const names = new Set<string>();
  rows.forEach((raw, i) => {
    const row = format === 'csv' ? i + 2 : i + 1; // CSV rows count the header line
    const name = (raw as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && names.has(name)) issues.push({ field: `row ${row} name`, message: `"${name}" appears twice` });
    if (typeof name === 'string') names.add(name);
    const parsed = deviceInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ field: `row ${row} ${issue.path.join('.') || '(row)'}`, message: issue.message });
      return;
    }
    devices.push(parsed.data);
  });
  if (issues.length > 0) {
    throw new NetOpsError('VALIDATION_FAILED', `${issues.length} problem(s) in the device file; nothing was imported.`, { issues });
  }
  return devices;
}
