import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import type { UserRepository } from '../../core/ports/user-repository.ts';
import { hashToken } from '../plugins/api-auth.ts';

/** A new web password: long enough to resist guessing under the login rate limit; no other rules. */
export const newPasswordSchema = z.string().min(12, 'at least 12 characters').max(1024, 'at most 1024 characters');

/** argon2id with the library's defaults, like `netops user add --password-stdin`. */
export const hashPassword = (password: string): Promise<string> => hash(password);

/**
 * Issues an API token as `netops token create` does (`nto_` + 24 random bytes): only its sha256 is
 * stored, with the first 8 characters to tell tokens apart. The caller shows the token once.
 */
export async function issueApiToken(users: Pick<UserRepository, 'createToken'>, userId: string, name: string): Promise<{ token: string; prefix: string }> {
  const token = `nto_${randomBytes(24).toString('base64url')}`;
  const prefix = token.slice(0, 8);
  await users.createToken(userId, { name, prefix, tokenHash: hashToken(token) });
  return { token, prefix };
}
