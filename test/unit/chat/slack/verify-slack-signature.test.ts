import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from '../../../../src/chat/slack/verify-slack-signature.ts';
import { WORKED } from './slack-worked-example.ts';


const check = (over: Partial<{ rawBody: string; timestamp: string | undefined; signature: string | undefined; nowSeconds: number }>) =>
  verifySlackSignature({ signingSecret: WORKED.secret, rawBody: WORKED.body, timestamp: WORKED.timestamp, signature: WORKED.signature, nowSeconds: 1531420618, ...over });

describe('verifySlackSignature', () => {
  it("computes Slack's worked example signature", () => {
    expect(slackSignature(WORKED.secret, WORKED.timestamp, WORKED.body)).toBe(WORKED.signature);
  });

  it('accepts the worked example at its own time and up to 300 s either side', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ nowSeconds: 1531420618 + 300 })).toEqual({ ok: true });
    expect(check({ nowSeconds: 1531420618 - 300 })).toEqual({ ok: true });
  });

  it('refuses it when stale or from the future by more than 300 s', () => {
    expect(check({ nowSeconds: 1531420618 + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ nowSeconds: 1531420618 - 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ nowSeconds: undefined as unknown as number })).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses a changed body, signature or timestamp, and missing headers', () => {
    expect(check({ rawBody: WORKED.body.replace('text=', 'text=x') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: WORKED.signature.replace(/.$/, '0') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: 'v0=abc' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ timestamp: '1531420619' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '15314x0618' })).toEqual({ ok: false, reason: 'missing' });
  });
});
