import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateLabHostKey } from '../../../src/lab/lab-host-key.ts';

const data = Buffer.from('exchange hash stand-in');

/** The lab signs handshakes with a KeyObject of its own, not ssh2's: the signatures must still verify. */
describe('lab host key signer', () => {
  it('signs with ed25519 what the public key verifies, and nothing else', () => {
    const key = generateLabHostKey('ed25519');
    const pub = createPublicKey(key.parsed.getPublicPEM());
    const signature = key.parsed.sign(data);
    expect(verify(null, data, pub, signature)).toBe(true);
    expect(verify(null, Buffer.from('another hash'), pub, signature)).toBe(false);
    expect(key.parsed.type).toBe('ssh-ed25519');
  });

  it('signs with rsa using the digest asked for (rsa-sha2-256/512), SHA-1 by default (ssh-rsa)', () => {
    const key = generateLabHostKey('rsa');
    const pub = createPublicKey(key.parsed.getPublicPEM());
    for (const algo of ['sha256', 'sha512']) expect(verify(algo, data, pub, key.parsed.sign(data, algo))).toBe(true);
    const sha1 = key.parsed.sign(data);
    expect(verify('sha1', data, pub, sha1)).toBe(true);
    expect(verify('sha256', data, pub, sha1)).toBe(false);
  });
});
