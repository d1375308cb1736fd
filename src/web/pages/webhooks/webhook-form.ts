import { RUN_EVENT_TYPES } from '../../../core/runs/run-events.ts';
import { webhookInputSchema, type WebhookInput, type WebhookPatch } from '../../../core/webhooks/webhook-input.ts';
import { WEBHOOK_METHODS, type WebhookRecord } from '../../../core/webhooks/webhook-records.ts';

/** The webhook form as typed. The secret is write-only: never filled from the stored webhook. */
export interface WebhookFormValues {
  name: string;
  url: string;
  method: string;
  events: string[];
  active: boolean;
  secret: string;
  /** One `Name: value` per line. */
  headers: string;
}

/** Event checkboxes grouped by their prefix, each group with its `group.*` wildcard first. */
export function eventChoices(selected: readonly string[]) {
  const groups = [...new Set(RUN_EVENT_TYPES.map((t) => t.split('.')[0]!))];
  return groups.map((group) => ({
    group, wildcard: `${group}.*`, wildcardChecked: selected.includes(`${group}.*`),
    events: RUN_EVENT_TYPES.filter((t) => t.startsWith(`${group}.`)).map((name) => ({ name, checked: selected.includes(name) })),
  }));
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export function webhookFormOf(body: unknown): WebhookFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    name: text(b.name), url: text(b.url), method: text(b.method) || 'POST', events: list(b.events), active: b.active === 'on' || b.active === 'true',
    secret: typeof b.secret === 'string' ? b.secret : '', headers: typeof b.headers === 'string' ? b.headers : '',
  };
}

export function webhookFormFrom(w: WebhookRecord): WebhookFormValues {
  return { name: w.name, url: w.url, method: w.method, events: w.events, active: w.active, secret: '', headers: Object.entries(w.headers).map(([k, v]) => `${k}: ${v}`).join('\n') };
}

type Parsed = { ok: true; input: WebhookInput } | { ok: false; errors: Record<string, string> };

/** `Name: value` lines → a header record; a line without a colon is an error naming its number. */
function parseHeaders(textValue: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  const lines = textValue.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `line ${i + 1}: write "Name: value"` };
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { headers };
}

/** Checks the form with the API's zod schema; an empty secret means "generate one" (new) or "keep" (edit). */
export function parseWebhookForm(v: WebhookFormValues): Parsed {
  const headers = parseHeaders(v.headers);
  if ('error' in headers) return { ok: false, errors: { headers: headers.error } };
  const parsed = webhookInputSchema.safeParse({
    name: v.name, url: v.url, method: v.method, events: v.events, active: v.active, headers: headers.headers, ...(v.secret ? { secret: v.secret } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.path.length > 1 ? `${i.path.slice(1).join('.')}: ${i.message}` : i.message;
  return { ok: false, errors };
}

/** Only the changed fields (a URL left alone is not re-checked; an empty secret keeps the stored one). */
export function webhookPatchOf(before: WebhookRecord, input: WebhookInput): WebhookPatch {
  const patch: WebhookPatch = {};
  if (input.name !== before.name) patch.name = input.name;
  if (input.url !== before.url) patch.url = input.url;
  if (input.method !== before.method) patch.method = input.method;
  if (JSON.stringify([...input.events].sort()) !== JSON.stringify([...before.events].sort())) patch.events = input.events;
  if (input.active !== before.active) patch.active = input.active;
  if (JSON.stringify(input.headers) !== JSON.stringify(before.headers)) patch.headers = input.headers;
  if (input.secret) patch.secret = input.secret;
  return patch;
}

export const METHODS = WEBHOOK_METHODS;
