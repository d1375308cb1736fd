import { createPrivateKey, sign } from 'node:crypto';
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
      return { parsed: withKeyObjectSigner(parsed), fingerprint: fingerprintHostKey(parsed.getPublicSSH()) };
    }
    lastError = parsed instanceof Error ? parsed : new Error('generated public key does not parse');
  }
  throw lastError ?? new Error('could not generate a lab host key');
}

/**
 * The same key, signing with a KeyObject decoded once. ssh2 hands its PEM string to crypto.sign at every
 * handshake, and OpenSSL 3 decodes it each time (~1 ms for ed25519, 10× the signature itself): with 100
 * logins at once that was the lab's largest CPU cost, taken from the engine it shares the machine with.
 */
function withKeyObjectSigner(parsed: ParsedKey): ParsedKey {
  const pem = parsed.getPrivatePEM();
  const privateKey = createPrivateKey(pem);
  // ssh2's default digest: SHA-1 for ssh-rsa (rsa-sha2-* pass theirs), none for ed25519.
  const defaultHash = parsed.type === 'ssh-rsa' ? 'sha1' : null;
  const fast = (data: Buffer, algo?: string): Buffer | Error => {
    try {
      return sign(typeof algo === 'string' && algo !== '' ? algo : defaultHash, data, privateKey);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  };
  // A prototype link keeps every other method and ssh2's own "is a parsed key" marker.
  return Object.create(parsed, { sign: { value: fast } }) as ParsedKey;
}
