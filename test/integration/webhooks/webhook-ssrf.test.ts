import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('webhook SSRF guard (no WEBHOOK_ALLOWED_HOSTS)', () => {
  let t: TestApp;
  let admin: string;
  const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${admin}` }, payload });

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await t.ctx.users.create({ name: 'admin', role: 'admin' });
    admin = await createApiToken(t.ctx, 'admin', 'test');
  });
  afterAll(async () => t?.close());

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://[::1]:8080/hook', 'loopback'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://172.16.0.1/hook', 'private'],
    ['http://192.168.1.1/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://100.64.0.1/hook', 'carrier-grade NAT'],
    ['http://0.0.0.0:3000/', 'unspecified'],
    ['http://[fd00::1]/hook', 'unique local'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://localhost:3000/hook', 'loopback'],
  ])('refuses %s with a 400 naming the field url', async (url, reason) => {
    const res = await api('POST', '/webhooks', { name: 'bad', url });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^url: /);
    expect(error.message).toContain(reason);
    expect(error.details.issues).toEqual([{ field: 'url', message: expect.stringContaining('WEBHOOK_ALLOWED_HOSTS') }]);
  });

  it('refuses non-http schemes and a private URL on edit too, and stores nothing refused', async () => {
    const ftp = await api('POST', '/webhooks', { name: 'ftp', url: 'ftp://93.184.216.34/x' });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error.details.issues[0].field).toBe('url');
    const ok = await api('POST', '/webhooks', { name: 'public', url: 'https://93.184.216.34/hook' });
    expect(ok.statusCode, ok.body).toBe(201);
    const edit = await api('PATCH', `/webhooks/${ok.json().id}`, { url: 'http://10.0.0.1/hook' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details.issues[0].field).toBe('url');
    expect((await t.ctx.webhooks.list()).map((w) => [w.name, w.url])).toEqual([['public', 'https://93.184.216.34/hook']]);
  });
});
