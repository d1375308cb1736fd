import { z } from 'zod';
import { eventFilterEntrySchema } from './event-filter.ts';
import { WEBHOOK_METHODS } from './webhook-records.ts';

// Headers the delivery sets itself (signature, framing): a custom header may not override them.
const RESERVED_HEADERS = /^(host|content-length|content-type|transfer-encoding|connection|x-netops-.*)$/i;
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'an HTTP header name (letters, digits, - …; ≤64)')
  .refine((n) => !RESERVED_HEADERS.test(n), 'is set by NetOps Bot itself (Host, Content-*, X-NetOps-*)');
// Printable characters and tabs only: a line break would smuggle a second header.
const headerValue = z.string().max(1024).regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'no line breaks or control characters');

const fields = {
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'letters, digits, space . _ - (starting with a letter or digit, ≤64)'),
  url: z.string().min(1).max(2000),
  method: z.enum(WEBHOOK_METHODS),
  events: z.array(eventFilterEntrySchema).max(50),
  active: z.boolean(),
  /** HMAC key; generated when omitted at creation. */
  secret: z.string().min(16, 'at least 16 characters').max(256),
  headers: z.record(headerName, headerValue).refine((h) => Object.keys(h).length <= 20, 'at most 20 headers'),
};

/** A new webhook as the API and CLI take it (snake_case, like the other API bodies). */
export const webhookInputSchema = z.strictObject({
  name: fields.name,
  url: fields.url,
  method: fields.method.default('POST'),
  events: fields.events.default([]),
  active: fields.active.default(true),
  secret: fields.secret.optional(),
  headers: fields.headers.default({}),
});
export type WebhookInput = z.output<typeof webhookInputSchema>;

/** A partial update; `secret` rotates the signing secret. */
export const webhookPatchSchema = z.strictObject({
  name: fields.name.optional(),
  url: fields.url.optional(),
  method: fields.method.optional(),
  events: fields.events.optional(),
  active: fields.active.optional(),
  secret: fields.secret.optional(),
  headers: fields.headers.optional(),
});
export type WebhookPatch = z.output<typeof webhookPatchSchema>;
