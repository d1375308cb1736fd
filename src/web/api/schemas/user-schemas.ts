import { z } from 'zod';
import { ROLES } from '../../../core/approvals/roles.ts';
import { optionalTimestamp, timestamp } from '../api-schemas.ts';

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  has_password: z.boolean().describe('can log in to the web companion'),
  chat_identities: z.array(z.object({ platform: z.enum(['slack', 'discord']), external_id: z.string() })),
  active_tokens: z.number().int(),
  created_at: timestamp,
}).describe('A user');

export const userListQuery = z.object({ role: z.enum(ROLES).optional(), disabled: z.enum(['true', 'false']).optional() });

export const createUserBody = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'letters, digits, . _ @ - (starting with a letter or digit, ≤64)'),
  role: z.enum(ROLES),
  password: z.string().min(12, 'at least 12 characters').max(1024).optional().describe('for the web login; write-only'),
  slack_id: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'a Slack user id such as U0123ABCD').optional(),
  discord_id: z.string().regex(/^\d{5,25}$/, 'a Discord user id (digits)').optional(),
});

export const patchUserBody = z.strictObject({
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional().describe('a disabled user can neither log in nor use API tokens'),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('the first characters, to tell tokens apart'),
  created_at: timestamp,
  last_used_at: optionalTimestamp,
  expires_at: optionalTimestamp,
  revoked_at: optionalTimestamp,
}).describe('An API token (never the token itself)');

export const createTokenBody = z.strictObject({
  name: z.string().min(1).max(64).default('api'),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe('no expiry when omitted'),
});

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe('shown this once; only its hash is stored'),
}).describe('The new token: store it now, it cannot be shown again');

const userRef = z.string().min(1).max(200).describe('the user id or name, or `me`');
export const userRefParams = z.object({ id: userRef });
export const tokenParams = z.object({ id: userRef, tokenId: z.string().min(1).max(100) });
