import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureCheck } from '../../../../src/chat/discord/verify-signature.ts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
const check = createSignatureCheck(hex);
const now = new Date('2025-06-01T12:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));
const body = Buffer.from('{"type":1}');
const sig = (t: string, b: Buffer) => sign(null, Buffer.concat([Buffer.from(t), b]), privateKey).toString('hex');

describe('createSignatureCheck', () => {
  it('accepts Discord\'s signature over timestamp + raw body', () => {
    expect(check({ signature: sig(ts, body), timestamp: ts, body, now })).toBe(true);
    expect(check({ signature: sig(ts, body).toUpperCase(), timestamp: ts, body, now })).toBe(true);
  });

  it('refuses a changed body, another timestamp, another key and malformed or missing headers', () => {
    const good = sig(ts, body);
    expect(check({ signature: good, timestamp: ts, body: Buffer.from('{"type":1 }'), now })).toBe(false);
    expect(check({ signature: good, timestamp: String(Number(ts) + 1), body, now })).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(check({ signature: sign(null, Buffer.concat([Buffer.from(ts), body]), other).toString('hex'), timestamp: ts, body, now })).toBe(false);
    for (const signature of [undefined, '', 'zz'.repeat(64), good.slice(2), `${good}00`]) {
      expect(check({ signature, timestamp: ts, body, now })).toBe(false);
    }
    expect(check({ signature: good, timestamp: undefined, body, now })).toBe(false);
    expect(check({ signature: sig('abc', body), timestamp: 'abc', body, now })).toBe(false);
  });

  it('refuses a correctly signed request older (or newer) than five minutes: a replay', () => {
    const old = String(Number(ts) - 301);
    expect(check({ signature: sig(old, body), timestamp: old, body, now })).toBe(false);
    const future = String(Number(ts) + 301);
    expect(check({ signature: sig(future, body), timestamp: future, body, now })).toBe(false);
    const recent = String(Number(ts) - 299);
    expect(check({ signature: sig(recent, body), timestamp: recent, body, now })).toBe(true);
  });
});
