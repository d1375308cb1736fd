import ssh2, { type ParsedKey } from 'ssh2';
import { fingerprintHostKey } from '../ssh/host-key.ts';

/** A parsed host key and its fingerprint; one is shared by a whole fleet unless a device rotates its own. */
export interface LabHostKey {
  readonly parsed: ParsedKey;
  /** "SHA256:…", the format the SSH client computes. */
  readonly fingerprint: string;
}

/**
 * ed25519 is generated in ~1 ms; rsa (2048 bits) only for legacy-algorithm devices.
 * ssh2's generator strips a leading zero byte of an ed25519 public key (~1 key in 256; mscdex/ssh2#1513),
 * which its own parser then rejects: such a key is simply generated again.
 */
export function generateLabHostKey(type: 'ed25519' | 'rsa' = 'ed25519'): LabHostKey {
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 16; attempt++) {
    const pair = type === 'rsa' ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }) : ssh2.utils.generateKeyPairSync('ed25519');
    const parsed = ssh2.utils.parseKey(pair.private);
    if (!(parsed instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) {
      return { parsed, fingerprint: fingerprintHostKey(parsed.getPublicSSH()) };
    }
    lastError = parsed instanceof Error ? parsed : new Error('generated public key does not parse');
  }
  throw lastError ?? new Error('could not generate a lab host key');
}
