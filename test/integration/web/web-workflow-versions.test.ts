import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_WORKFLOWS_DIR } from '../../../src/main/demo-seed.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('workflow versions and the dry-run preview', () => {
  let t: TestApp;
  let admin: WebClient;
  let viewer: WebClient;
  const seed = readFileSync(new URL('add-loopback.yaml', SEED_WORKFLOWS_DIR), 'utf8');

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [admin, viewer] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'viewer')]);
    await t.ctx.devices.upsert({ name: 'eos-1', host: '10.9.9.9', platform: 'arista_eos' });
    // v2 and v3 of add-loopback, saved from the editor
    await admin.get('/workflows/add-loopback/edit');
    await admin.post('/workflows', { yaml: seed.replace('created-by-netops', 'made-by-web'), original: 'add-loopback' });
    await admin.post('/workflows', { yaml: seed.replace('created-by-netops', 'made-by-web').replace('- no interface Loopback{{number}}', '- no interface Loopback{{number}}\n        - do write memory'), original: 'add-loopback' });
  });
  afterAll(async () => t?.close());

  it('lists the versions and shows the diff between the previous and the current one', async () => {
    const page = await viewer.get('/workflows/add-loopback/versions');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('v3 <span class="badge badge-ok">current</span>');
    expect(page.body).toMatch(/<td>v1<\/td>\s*<td>test<\/td>/);
    expect(page.body).toContain('<h2>v2 → v3</h2>');
    expect(page.body).toContain('<span class="d-add">+        - do write memory</span>');
    expect(page.body).not.toContain('made-by-web</span>'); // unchanged between v2 and v3
  });

  it('compares any two versions; the form swaps only the diff', async () => {
    const res = await viewer.get('/workflows/add-loopback/versions?from=1&to=3', { htmx: 'version-diff' });
    expect(res.body.trimStart()).toMatch(/^<section id="version-diff"/);
    expect(res.body).toContain('<span class="d-del">-  description: { type: string, pattern: &#x27;^[A-Za-z0-9 _.-]{1,60}$&#x27;, default: created-by-netops }</span>');
    expect(res.body).toContain('default: made-by-web }</span>');
    expect(res.body).toContain('<span class="d-meta">--- add-loopback v1</span>');
    expect((await viewer.get('/workflows/add-loopback/versions?from=2&to=2', { htmx: 'version-diff' })).body).toContain('These versions have the same YAML.');
    const missing = await viewer.get('/workflows/add-loopback/versions?from=9&to=3');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('add-loopback has no version 9 (it has 1–3).');
    expect((await viewer.get('/workflows/ghost/versions')).statusCode).toBe(404);
  });

  it('previews the commands per stage for a device and params, without contacting the device', async () => {
    const form = await viewer.get('/workflows/add-loopback/preview');
    expect(form.body).toContain('<input id="p-number" name="p.number" type="number"');
    expect(form.body).toContain('Choose a device to see the commands.');
    expect(form.body).toContain('<option value="lab-ios-1">');
    expect(form.body).not.toContain('<option value="eos-1">'); // only devices of the workflow's platforms
    const ok = await viewer.get('/workflows/add-loopback/preview?device=lab-ios-1&p.number=42&p.description=core+uplink', { htmx: 'dry-run-preview' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).not.toContain('<html');
    expect(ok.body).toContain('data-preview="ok"');
    expect(ok.body).toMatch(/data-stage="pre_check">[\s\S]*<pre class="output">show ip interface brief<\/pre>[\s\S]*expects output to not match “\^Loopback42\\s”/);
    expect(ok.body).toMatch(/data-stage="implementation">[\s\S]*<span class="tag">config<\/span>\s*<pre class="output">interface Loopback42\ndescription core uplink<\/pre>/);
    expect(ok.body).toContain('data-stage="rollback"');
    expect(ok.body).toContain('do write memory');
    const commands = await t.ctx.db.prisma.commandResult.count();
    expect(commands).toBe(0); // nothing ran
    expect(await t.ctx.db.prisma.run.count()).toBe(0);
  });

  it('reports bad params, an unknown device and an unsupported platform instead of commands', async () => {
    const bad = await viewer.get('/workflows/add-loopback/preview?device=lab-ios-1&p.number=-3');
    expect(bad.body).toContain('data-preview="error"');
    expect(bad.body).toMatch(/<span class="error" id="p-number-error">[^<]*0/);
    const line = await viewer.get('/workflows/add-loopback/preview?device=lab-ios-1&p.number=1&p.description=a%0Aexit', { htmx: 'dry-run-preview' });
    expect(line.body).toContain('data-preview="error"');
    expect((await viewer.get('/workflows/add-loopback/preview?device=nope&p.number=1', { htmx: 'dry-run-preview' })).body).toContain('No device named &quot;nope&quot;.');
    expect((await viewer.get('/workflows/add-loopback/preview?device=eos-1&p.number=1', { htmx: 'dry-run-preview' })).body).toContain('add-loopback supports cisco_ios; eos-1 is arista_eos.');
  });

  it('links versions and preview from the workflow list', async () => {
    const list = await viewer.get('/workflows');
    expect(list.body).toContain('href="/workflows/add-loopback/preview"');
    expect(list.body).toContain('href="/workflows/add-loopback/versions"');
  });
});
