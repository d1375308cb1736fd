import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenRecord, UserAccountRepository } from '../ports/user-accounts.ts';

/** The stored form of an API token: its sha256 (the token itself is never stored). */
export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new token (`nto_` + 24 random bytes), its first 8 characters to tell tokens apart, and its hash. */
export function mintApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = `nto_${randomBytes(24).toString('base64url')}`;
  return { token, prefix: token.slice(0, 8), tokenHash: hashApiToken(token) };
}

/**
 * Issues an API token for a user, as web, API and CLI do: only the hash is stored; the caller shows
 * the token once. `expiresInDays` absent = no expiry.
 */
export async function issueApiToken(
  accounts: Pick<UserAccountRepository, 'createToken'>,
  userId: string,
  input: { name: string; expiresInDays?: number | undefined },
  now: Date = new Date(),
): Promise<{ token: string; record: ApiTokenRecord }> {
  const minted = mintApiToken();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const record = await accounts.createToken(userId, { name: input.name, prefix: minted.prefix, tokenHash: minted.tokenHash, expiresAt });
  return { token: minted.token, record };
}
