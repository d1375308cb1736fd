import { z } from 'zod';

export const PLATFORMS = ['cisco_ios', 'cisco_nxos', 'arista_eos', 'juniper_junos', 'linux'] as const;
export const DEVICE_TYPES = ['router', 'switch', 'firewall', 'load_balancer', 'server'] as const;

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, . _ - (starting with a letter or digit, ≤128)');
const label = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/, 'letters, digits, . _ : / - (≤64)');
const host = z.string().regex(/^[A-Za-z0-9.:_-]{1,253}$/, 'a hostname or an IPv4/IPv6 address');
const port = z.coerce.number().int().min(1).max(65535);
const tags = z.array(label).max(50);

/** A device as users give it (CLI flags, import rows, API bodies). Names use snake_case like the files. */
export const deviceInputSchema = z.strictObject({
  name,
  host,
  port: port.default(22),
  platform: z.enum(PLATFORMS),
  device_type: z.enum(DEVICE_TYPES).default('router'),
  credential: name.optional(),
  jump_host: name.optional(),
  site: label.optional(),
  location: z.string().max(200).optional(),
  vendor: z.string().max(64).optional(),
  model: z.string().max(64).optional(),
  description: z.string().max(1000).optional(),
  tags: tags.default([]),
});

export type DeviceInputData = z.infer<typeof deviceInputSchema>;

/**
 * A partial change to a device (API PATCH): only the fields given change; `null` clears an optional one
 * (credential, jump host, site...). No defaults here, or a PATCH would reset the port to 22.
 */
export const devicePatchSchema = z.strictObject({
  name: name.optional(),
  host: host.optional(),
  port: port.optional(),
  platform: z.enum(PLATFORMS).optional(),
  device_type: z.enum(DEVICE_TYPES).optional(),
  credential: name.nullable().optional(),
  jump_host: name.nullable().optional(),
  site: label.nullable().optional(),
  location: z.string().max(200).nullable().optional(),
  vendor: z.string().max(64).nullable().optional(),
  model: z.string().max(64).nullable().optional(),
  description: z.string().max(1000).nullable().optional(),
  tags: tags.optional(),
});

export type DevicePatchData = z.infer<typeof devicePatchSchema>;
