import { z } from 'zod';

export const PLATFORMS = ['cisco_ios', 'cisco_nxos', 'arista_eos', 'juniper_junos', 'linux'] as const;
export const DEVICE_TYPES = ['router', 'switch', 'firewall', 'load_balancer', 'server'] as const;

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, . _ - (starting with a letter or digit, ≤128)');
const label = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/, 'letters, digits, . _ : / - (≤64)');

/** A device as users give it (CLI flags, import rows, API bodies). Names use snake_case like the files. */
export const deviceInputSchema = z.strictObject({
  name,
  host: z.string().regex(/^[A-Za-z0-9.:_-]{1,253}$/, 'a hostname or an IPv4/IPv6 address'),
  port: z.coerce.number().int().min(1).max(65535).default(22),
  platform: z.enum(PLATFORMS),
  device_type: z.enum(DEVICE_TYPES).default('router'),
  credential: name.optional(),
  jump_host: name.optional(),
  site: label.optional(),
  location: z.string().max(200).optional(),
  vendor: z.string().max(64).optional(),
  model: z.string().max(64).optional(),
  description: z.string().max(1000).optional(),
  tags: z.array(label).max(50).default([]),
});

export type DeviceInputData = z.infer<typeof deviceInputSchema>;
