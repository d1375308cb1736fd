import ssh2, { type ParsedKey } from 'ssh2';
import { fingerprintHostKey } from '../ssh/host-key.ts';

/** A parsed host key and its fingerprint; one is shared by a whole fleet unless a device rotates its own. */
export interface LabHostKey {
  readonly parsed: ParsedKey;
  /** "SHA256:…", the format the SSH client computes. */
  readonly fingerprint: string;
}

/** ed25519 is generated in ~1 ms; rsa (2048 bits) only for legacy-algorithm devices. */
export function generateLabHostKey(type: 'ed25519' | 'rsa' = 'ed25519'): LabHostKey {
  const pair = type === 'rsa' ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }) : ssh2.utils.generateKeyPairSync('ed25519');
  const parsed = ssh2.utils.parseKey(pair.private);
  if (parsed instanceof Error) throw parsed;
  return { parsed, fingerprint: fingerprintHostKey(parsed.getPublicSSH()) };
}
