import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { fingerprintHostKey, verifyHostKey } from '../../../src/ssh/index.ts';

describe('fingerprintHostKey', () => {
  it('is "SHA256:" + unpadded base64 of the key blob (the ssh-keygen -l format)', () => {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const blob = Buffer.from(pair.public.split(' ')[1]!, 'base64');
    const expected = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
    expect(fingerprintHostKey(blob)).toBe(expected);
    expect(expected).not.toContain('=');
  });
});

describe('verifyHostKey', () => {
  const actual = 'SHA256:abc';
  it('accepts the pinned key', () => {
    expect(verifyHostKey({ device: 'r1', expected: actual, actual, strict: true })).toEqual({ ok: true, wasUnknown: false });
  });
  it('refuses a changed key with both fingerprints, not retryable', () => {
    const v = verifyHostKey({ device: 'r1', expected: 'SHA256:old', actual, strict: false });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error).toMatchObject({ code: 'HOST_KEY_CHANGED', retryable: false, details: { expected: 'SHA256:old', actual } });
  });
  it('trusts an unknown key on first use unless strict', () => {
    expect(verifyHostKey({ device: 'r1', expected: null, actual, strict: false })).toEqual({ ok: true, wasUnknown: true });
    const v = verifyHostKey({ device: 'r1', expected: null, actual, strict: true });
    expect(v.ok ? null : v.error.code).toBe('HOST_KEY_UNKNOWN');
  });
});
