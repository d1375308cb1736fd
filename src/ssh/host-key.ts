import { createHash } from 'node:crypto';
import { NetOpsError } from '../core/errors/index.ts';

/** "SHA256:<base64 without padding>" of an SSH public key blob — the format `ssh-keygen -lf` prints. */
export function fingerprintHostKey(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export interface HostKeyCheck {
  /** Device (or jump host) name, for the error message. */
  device: string;
  /** The pinned fingerprint, or null when none is pinned yet. */
  expected: string | null;
  /** The fingerprint of the key the server presented. */
  actual: string;
  /** Refuse an unknown key instead of trusting it on first use. */
  strict: boolean;
}

export type HostKeyVerdict = { ok: true; wasUnknown: boolean } | { ok: false; error: NetOpsError };

/** Pinned key must match; no pinned key is trusted on first use unless strict. Never retryable when refused. */
export function verifyHostKey(check: HostKeyCheck): HostKeyVerdict {
  const { device, expected, actual } = check;
  if (expected !== null) {
    if (expected === actual) return { ok: true, wasUnknown: false };
    return {
      ok: false,
      error: new NetOpsError(
        'HOST_KEY_CHANGED',
        `Host key of ${device} changed (expected ${expected}, got ${actual}); an admin must re-accept it`,
        { device, expected, actual },
      ),
    };
  }
  if (check.strict) {
    return {
      ok: false,
      error: new NetOpsError(
        'HOST_KEY_UNKNOWN',
        `Host key of ${device} is not pinned (presented ${actual}) and strict host key checking is on`,
        { device, actual },
      ),
    };
  }
  return { ok: true, wasUnknown: true };
}
