import { createHash } from 'node:crypto';

/** Deterministic `$<scheme>$salt$hash`-looking text for a running config: never the secret itself. */
export function labSecretHash(scheme: '1' | '5' | '6', secret: string): string {
  const digest = createHash('sha256').update(`lab:${secret}`).digest('base64').replace(/[+/=]/g, '');
  return `$${scheme}$${digest.slice(0, 8)}$${digest.slice(8, 40)}`;
}
