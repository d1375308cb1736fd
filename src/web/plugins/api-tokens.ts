import { randomBytes } from 'node:crypto';
import { hashToken } from './api-auth.ts';

/** A new API token: shown once to its owner; only the prefix (to tell tokens apart) and the sha256 are stored. */
export function mintApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = `nto_${randomBytes(24).toString('base64url')}`;
  return { token, prefix: token.slice(0, 8), tokenHash: hashToken(token) };
}
