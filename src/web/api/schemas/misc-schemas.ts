import { z } from 'zod';
import { AUDIT_LEVELS, AUDIT_SOURCES, AUDIT_TYPES } from '../../../core/audit/audit-entry.ts';
import { DELIVERY_STATUSES, WEBHOOK_METHODS } from '../../../core/webhooks/webhook-records.ts';
import { optionalTimestamp, timestamp } from '../api-schemas.ts';

export const auditQuery = z.object({
  actor: z.string().max(200).optional(),
  source: z.enum(AUDIT_SOURCES).optional(),
  type: z.enum(AUDIT_TYPES).optional(),
  level: z.enum(AUDIT_LEVELS).optional(),
  object_type: z.string().max(50).optional(),
  object_id: z.string().max(100).optional(),
  since: z.iso.datetime({ message: 'an ISO 8601 date-time such as 2026-12-01T00:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'an ISO 8601 date-time such as 2026-12-31T23:59:59Z' }).optional(),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  created_at: timestamp,
  level: z.enum(AUDIT_LEVELS),
  type: z.enum(AUDIT_TYPES),
  action: z.string().describe('e.g. device.created, run.approved'),
  actor_name: z.string().nullable(),
  source: z.enum(AUDIT_SOURCES),
  ip: z.string().nullable(),
  object_type: z.string().nullable(),
  object_id: z.string().nullable(),
  old_value: z.unknown().describe('secrets redacted'),
  new_value: z.unknown().describe('secrets redacted'),
  message: z.string().nullable(),
}).describe('An audit log entry');

export const webhookSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  url: z.string().describe('path and query masked for non-admins'),
  method: z.enum(WEBHOOK_METHODS),
  events: z.array(z.string()).describe('[] = every event'),
  active: z.boolean(),
  has_secret: z.boolean(),
  headers: z.record(z.string(), z.string()).describe('values masked for non-admins'),
  created_at: timestamp,
  updated_at: timestamp,
}).describe('A webhook (never its secret)');

export const createdWebhookSchema = webhookSchema.extend({ secret: z.string().optional().describe('the generated signing secret, shown this once') });

export const deliverySchema = z.looseObject({
  id: z.string(),
  webhook_id: z.string(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  response_code: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  error: z.string().nullable(),
  next_attempt_at: optionalTimestamp,
  created_at: timestamp,
  updated_at: timestamp,
  payload: z.unknown().optional().describe('the event as sent (detail view only)'),
}).describe('A webhook delivery');

export const webhookTestSchema = z.object({
  ok: z.boolean(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  error: z.string().nullable(),
  delivery: deliverySchema,
});

export const scheduleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  workflow: z.string(),
  target: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  owner: z.string().nullable(),
  approved: z.boolean().describe('created by an approver: its runs skip approval'),
  last_run_at: optionalTimestamp,
  next_fire_times: z.array(timestamp).describe('the next five, empty while disabled'),
  created_at: timestamp,
  updated_at: timestamp,
}).describe('A schedule');
