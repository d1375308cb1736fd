import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, WebClient } from './web-client.ts';

/** What a TLS-terminating proxy in front of the app adds (trusted via TRUST_PROXY). */
const TLS_PROXY = { 'x-forwarded-proto': 'https' };

describe('behind an HTTPS proxy (BASE_URL https://…, TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, env: { BASE_URL: 'https://netops.example.com', TRUST_PROXY: '127.0.0.1' } });
    await preparePeople(t);
  });
  afterAll(async () => t?.close());

  it('marks the session cookie Secure and sends HSTS and upgrade-insecure-requests', async () => {
    const c = new WebClient(t.app, { headers: TLS_PROXY });
    await c.get('/login');
    const res = await c.post('/login', { name: 'viewer', password: 'pw-viewer' });
    const cookie = res.cookies.filter((k) => k.name === 'netops_session').at(-1)!;
    expect(cookie.secure).toBe(true);
    expect(cookie.httpOnly).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: '/login' });
    expect(page.headers['strict-transport-security']).toContain('max-age=');
    expect(String(page.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('explains on the login page when it is reached over plain http (the Secure cookie could not be kept)', async () => {
    const res = await new WebClient(t.app).get('/login');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('set TRUST_PROXY');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('renders device output, diffs and user-typed text as text, never as markup', async () => {
    const hostile = '<script>alert(1)</script>';
    await t.ctx.devices.upsert({ name: 'lab-ios-1', host: t.lab.devices[0]!.host, port: t.lab.devices[0]!.port, platform: 'cisco_ios', credentialName: 'lab', description: hostile });
    const { run } = await (await import('../../../src/core/runs/request-run.ts')).requestRun(t.ctx.requestDeps, {
      workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 7, description: 'x' }, source: 'web',
      requester: { id: null, name: 'operator', role: 'operator' }, preApproved: true,
    });
    expect(await waitForRun(t, run.id)).toBe('succeeded');
    // A command's output containing markup, as a device could print in a banner or description.
    const exec = (await t.ctx.runs.executions(run.id))[0]!;
    await t.ctx.db.prisma.commandResult.updateMany({ where: { executionId: exec.id, seq: 1 }, data: { output: `banner ${hostile} & <b>bold</b>` } });
    const c = await loggedIn(t, 'viewer', TLS_PROXY);
    const devices = await c.get('/devices');
    expect(devices.body).not.toContain(hostile);
    expect(devices.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const page = await c.get(`/runs/${run.number}`);
    expect(page.body).not.toContain(hostile);
    expect(page.body).toContain('banner &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    const diff = await c.get(`/runs/${run.number}?tab=diff`);
    expect(diff.body).toContain('<span class="d-add">+interface Loopback7</span>');
  });
});

describe('templates', () => {
  it('output raw HTML only for the layout body (everything else goes through escaping)', () => {
    const root = new URL('../../../views/', import.meta.url).pathname;
    const raw: string[] = [];
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
      const file = join(entry.parentPath, entry.name);
      for (const m of readFileSync(file, 'utf8').matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}/g)) raw.push(`${file.slice(root.length)}: ${m[1]}`);
    }
    expect(raw).toEqual(['layouts/main.hbs: body']);
  });
});
