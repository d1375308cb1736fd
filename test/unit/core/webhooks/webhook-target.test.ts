import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../../src/core/webhooks/address-policy.ts';
import { checkWebhookTarget, requireWebhookTarget, type HostResolver } from '../../../../src/core/webhooks/webhook-target.ts';
import { NetOpsError } from '../../../../src/core/errors/index.ts';

const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  localhost: ['127.0.0.1', '::1'],
  'split.example.com': ['93.184.216.34', '10.0.0.5'],
  'v6.example.com': ['2606:4700::6810:84e5'],
};
const resolve: HostResolver = async (host) => {
  const literal = /^[\d.]+$/.test(host) ? [host] : host.includes(':') ? [host] : DNS[host];
  if (!literal) throw new Error('getaddrinfo ENOTFOUND');
  return literal.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const deps = { resolve, policy: createAddressPolicy('') };

describe('checkWebhookTarget (the SSRF guard on a URL)', () => {
  it('accepts a public host and returns the address to connect to', async () => {
    const check = await checkWebhookTarget(deps, 'https://hooks.example.com/netops?x=1');
    expect(check).toMatchObject({ ok: true, target: { address: { address: '93.184.216.34', family: 4 } } });
    const v6 = await checkWebhookTarget(deps, 'https://v6.example.com/');
    expect(v6).toMatchObject({ ok: true, target: { address: { family: 6 } } });
  });

  it.each([
    ['http://127.0.0.1:8080/', /127\.0\.0\.1 is a loopback address/],
    ['http://[::1]/', /::1 is a loopback address/],
    ['http://10.1.2.3/', /private/],
    ['http://169.254.169.254/latest/meta-data', /cloud metadata/],
    ['http://localhost:3000/', /localhost resolves to 127\.0\.0\.1/],
    ['http://split.example.com/', /10\.0\.0\.5 is a private address/],
  ])('refuses %s', async (url, message) => {
    const check = await checkWebhookTarget(deps, url);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.kind).toBe('refused');
      expect(check.message).toMatch(message);
      expect(check.message).toContain('WEBHOOK_ALLOWED_HOSTS');
    }
  });

  it('tells a bad URL and an unresolvable host apart', async () => {
    expect(await checkWebhookTarget(deps, 'not a url')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await checkWebhookTarget(deps, 'ftp://hooks.example.com/')).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/http or https/) });
    expect(await checkWebhookTarget(deps, 'https://nowhere.invalid/')).toMatchObject({ ok: false, kind: 'unresolvable' });
  });

  it('lets an allow-listed host name through whatever it resolves to', async () => {
    const allowed = { resolve, policy: createAddressPolicy('localhost') };
    expect(await checkWebhookTarget(allowed, 'http://localhost:3000/')).toMatchObject({ ok: true });
    expect(await checkWebhookTarget(allowed, 'http://127.0.0.1:3000/')).toMatchObject({ ok: false });
  });

  it('throws a 400 naming the field url at save time', async () => {
    const err = await requireWebhookTarget(deps, 'http://192.168.1.1/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetOpsError);
    expect((err as NetOpsError).status).toBe(400);
    expect((err as NetOpsError).message).toMatch(/^url: /);
    expect((err as NetOpsError).details).toEqual({ issues: [{ field: 'url', message: expect.stringMatching(/192\.168\.1\.1 is a private address/) }] });
  });
});
