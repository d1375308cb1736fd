import { z } from 'zod';
import { timestamp } from '../api-schemas.ts';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, . _ - (starting with a letter or digit, ≤128)');
const secret = (max: number) => z.string().min(1).max(max);

/** Secrets are write-only: they go in here and never come back out of the API. */
export const credentialInputBody = z.strictObject({
  name,
  username: z.string().min(1).max(128),
  password: secret(1024).optional(),
  private_key: secret(16_384).optional().describe('an OpenSSH/PEM private key'),
  passphrase: secret(1024).optional(),
  enable_secret: secret(1024).optional(),
  description: z.string().max(500).optional(),
});

/** Absent fields stay; a secret set to null is removed, a string replaces it. */
export const credentialPatchBody = z.strictObject({
  name: name.optional(),
  username: z.string().min(1).max(128).optional(),
  password: secret(1024).nullable().optional(),
  private_key: secret(16_384).nullable().optional(),
  passphrase: secret(1024).nullable().optional(),
  enable_secret: secret(1024).nullable().optional(),
  description: z.string().max(500).nullable().optional(),
});

export const credentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  has_password: z.boolean(),
  has_private_key: z.boolean(),
  has_passphrase: z.boolean(),
  has_enable_secret: z.boolean(),
  description: z.string().nullable(),
  device_count: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
}).describe('A credential: which secrets are set, never the secrets');

export const credentialDeleteQuery = z.object({
  force: z.enum(['true', 'false']).default('false').describe('delete even when devices use it (they are left without a credential)'),
});
