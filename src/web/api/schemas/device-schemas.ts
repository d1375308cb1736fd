import { z } from 'zod';
import { DEVICE_TYPES, PLATFORMS } from '../../../core/devices/device-input-schema.ts';
import { DEVICE_GROUPINGS } from '../../../core/ports/device-repository.ts';
import { ErrorCodes, type ErrorCode } from '../../../core/errors/index.ts';
import { optionalTimestamp } from '../api-schemas.ts';

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  platform: z.enum(PLATFORMS),
  device_type: z.string(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  os_version: z.string().nullable(),
  site: z.string().nullable(),
  location: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  status: z.enum(['online', 'offline', 'unknown']),
  credential: z.string().nullable().describe("the credential's name (never its secrets)"),
  jump_host: z.string().nullable(),
  host_key_fingerprint: z.string().nullable().describe('pinned SSH host key, SHA256:…'),
  last_seen_at: optionalTimestamp,
}).describe('A device');

export const deviceListQuery = z.object({
  search: z.string().max(200).optional().describe('part of the name, host or description'),
  site: z.string().max(64).optional(),
  platform: z.enum(PLATFORMS).optional(),
  tag: z.string().max(64).optional(),
  status: z.enum(['online', 'offline', 'unknown']).optional(),
  device_type: z.enum(DEVICE_TYPES).optional(),
});

export const groupsQuery = z.object({ by: z.enum(DEVICE_GROUPINGS).default('site') });

export const groupsSchema = z.object({
  by: z.enum(DEVICE_GROUPINGS),
  total: z.number().int().describe('devices in all'),
  groups: z.array(z.object({
    value: z.string().nullable().describe('null: devices without a site / without tags'),
    count: z.number().int(),
    statuses: z.object({ online: z.number().int(), offline: z.number().int(), unknown: z.number().int() }),
  })),
});

const ERROR_CODES = Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]];

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  device: z.string(),
  latency_ms: z.number().int().describe('until logged in and ready (or until the failure)'),
  host_key_fingerprint: z.string().nullable(),
  host_key_pinned: z.boolean().describe('true when this test pinned a key seen for the first time'),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable().describe('why it failed: CONNECT_REFUSED, AUTH_FAILED, HOST_KEY_CHANGED…'),
}).describe('The outcome of the connection test (200 even when the device did not answer)');

export const trustKeyBody = z.strictObject({
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/=]{20,}$/, 'an SSH key fingerprint such as SHA256:abc…').optional()
    .describe('the key checked out of band; the new key is stored only if the device presents this one'),
});

export const trustKeySchema = z.object({
  device: z.string(),
  previous_fingerprint: z.string().nullable(),
  fingerprint: z.string(),
  changed: z.boolean(),
});

export const importBody = z.strictObject({
  format: z.enum(['csv', 'yaml']),
  text: z.string().min(1).max(5_000_000).describe('the file: CSV with a header row, or YAML (a list or devices: [...])'),
});

export const importSchema = z.object({ created: z.number().int(), updated: z.number().int(), names: z.array(z.string()) });
