import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('devices in the web companion', () => {
  let t: TestApp;
  let admin: WebClient;
  let operator: WebClient;
  let viewer: WebClient;
  let closedPort: number;
  let silent: Server;

  const idOf = async (name: string) => (await t.ctx.devices.findByName(name))!.id;
  const lab = () => t.lab.devices[0]!;

  beforeAll(async () => {
    t = await createTestApp({ devices: 2, worker: false });
    await preparePeople(t);
    [admin, operator, viewer] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'operator'), loggedIn(t, 'viewer')]);
    // A port with nobody listening: bind, note the port, close.
    silent = createServer();
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    closedPort = (silent.address() as { port: number }).port;
    await new Promise<void>((r) => silent.close(() => r()));
  });
  afterAll(async () => t?.close());

  it('creates a device from the form; bad fields come back with their messages and the typed values', async () => {
    await operator.get('/devices/new');
    const bad = await operator.post('/devices', { name: 'edge 1', host: 'not a host!', port: '99999', platform: 'cisco_ios', tags: 'a, b' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="f-name-error">letters, digits/);
    expect(bad.body).toMatch(/id="f-host-error">a hostname or an IPv4\/IPv6 address/);
    expect(bad.body).toContain('id="f-port-error"');
    expect(bad.body).toContain('value="not a host!"');
    const badCredential = await operator.post('/devices', { name: 'edge-1', host: '10.0.0.9', platform: 'cisco_ios', credential: 'ghost' });
    expect(badCredential.statusCode).toBe(422);
    expect(badCredential.body).toContain('No credential named &quot;ghost&quot;');

    const ok = await operator.post('/devices', { name: 'edge-1', host: lab().host, port: String(lab().port), platform: 'cisco_ios', device_type: 'router', credential: 'lab', site: 'par1', tags: 'edge, lab', description: 'added from the web' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/devices?search=edge-1');
    const list = await operator.get(String(ok.headers.location));
    expect(list.body).toContain('Device edge-1 created.');
    expect(await t.ctx.devices.findByName('edge-1')).toMatchObject({ site: 'par1', tags: ['edge', 'lab'], credentialName: 'lab' });
    const twice = await operator.post('/devices', { name: 'edge-1', host: '10.0.0.1', platform: 'cisco_ios' });
    expect(twice.statusCode).toBe(409);
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'device.created', source: 'web' } });
    expect(audit).toMatchObject({ actorName: 'operator', objectId: await idOf('edge-1') });
  });

  it('edits a device, keeping its name', async () => {
    const id = await idOf('edge-1');
    const form = await operator.get(`/devices/${id}/edit`);
    expect(form.body).toMatch(/id="f-name" name="name"\s+value="edge-1" required readonly/);
    const res = await operator.post(`/devices/${id}`, { name: 'renamed', host: lab().host, port: String(lab().port), platform: 'cisco_ios', credential: 'lab', site: 'ams1', tags: 'edge, lab' });
    expect(res.statusCode).toBe(303);
    expect(await t.ctx.devices.findByName('edge-1')).toMatchObject({ site: 'ams1' });
    expect(await t.ctx.devices.findByName('renamed')).toBeNull();
  });

  it('searches as you type and filters, answering htmx with the table only', async () => {
    const page = await viewer.get('/devices');
    expect(page.body).toContain('hx-trigger="input delay:300ms, submit"');
    const hit = await viewer.get('/devices?search=edge', { htmx: 'device-table' });
    expect(hit.body.trimStart()).toMatch(/^<div id="device-table">/);
    expect(hit.body).toContain('<strong>edge-1</strong>');
    expect(hit.body).not.toContain('<strong>lab-ios-1</strong>');
    const bySite = await viewer.get('/devices?site=lab', { htmx: 'device-table' });
    expect(bySite.body).toContain('<strong>lab-ios-1</strong>');
    expect(bySite.body).not.toContain('<strong>edge-1</strong>');
    expect((await viewer.get('/devices?tag=edge', { htmx: 'device-table' })).body).toContain('<strong>edge-1</strong>');
    expect((await viewer.get('/devices?status=online', { htmx: 'device-table' })).body).toContain('No device matches.');
    // viewers see no write buttons
    expect(page.body).not.toContain('/devices/new');
    expect(page.body).not.toContain('hx-post="/devices/');
  });

  it('tests a connection: latency and pinned host key, or the exact error code', async () => {
    const id = await idOf('edge-1');
    const ok = await operator.post(`/devices/${id}/test`, {}, { htmx: `test-${id}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/Connected to edge-1: logged in and at the prompt in <strong>\d+ ms<\/strong>/);
    expect(ok.body).toContain('(new: pinned)');
    expect(await t.ctx.devices.findByName('edge-1')).toMatchObject({ status: 'online', hostKeyFingerprint: expect.stringMatching(/^SHA256:/) });

    await t.ctx.devices.upsert({ name: 'dead-1', host: '127.0.0.1', port: closedPort, platform: 'cisco_ios', credentialName: 'lab' });
    const refused = await operator.post(`/devices/${await idOf('dead-1')}/test`, {}, { htmx: 'x' });
    expect(refused.body).toContain('<code class="flash-code">CONNECT_REFUSED</code>');
    expect((await t.ctx.devices.findByName('dead-1'))?.status).toBe('offline');

    await t.ctx.devices.upsert({ name: 'nocred-1', host: '127.0.0.1', port: closedPort, platform: 'cisco_ios' });
    const nocred = await operator.post(`/devices/${await idOf('nocred-1')}/test`, {}, { htmx: 'x' });
    expect(nocred.body).toContain('<code class="flash-code">CREDENTIAL_NOT_FOUND</code>');
    expect((await viewer.post(`/devices/${id}/test`, {}, { htmx: 'x' })).statusCode).toBe(403);
  });

  it('shows a changed host key, and lets only an admin accept the new one', async () => {
    const id = await idOf('edge-1');
    await t.ctx.db.prisma.device.update({ where: { id }, data: { hostKeyFingerprint: 'SHA256:somebody-elses-key' } });
    const changed = await operator.post(`/devices/${id}/test`, {}, { htmx: `test-${id}` });
    expect(changed.body).toContain('<code class="flash-code">HOST_KEY_CHANGED</code>');
    expect(changed.body).not.toContain('accept-host-key');
    expect((await operator.post(`/devices/${id}/accept-host-key`, {}, { htmx: `test-${id}` })).statusCode).toBe(403);
    const forAdmin = await admin.post(`/devices/${id}/test`, {}, { htmx: `test-${id}` });
    expect(forAdmin.body).toContain(`hx-post="/devices/${id}/accept-host-key"`);
    const accepted = await admin.post(`/devices/${id}/accept-host-key`, {}, { htmx: `test-${id}` });
    const pinned = (await t.ctx.devices.findByName('edge-1'))?.hostKeyFingerprint;
    expect(pinned).toMatch(/^SHA256:(?!somebody)/);
    expect(accepted.body).toContain('data-outcome="ok"'); // re-pinned, then a strict login with the new key worked
    expect(accepted.body).toContain(pinned);
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'device.host_key_accepted' } });
    expect(audit?.oldValue).toContain('somebody-elses-key');
  });

  it('imports CSV all-or-nothing with a per-row report, then for real', async () => {
    const bad = 'name,host,platform,credential,tags\nimp-1,10.1.0.1,cisco_ios,lab,a;b\nimp 2,10.1.0.2,cisco_ios,lab,\nimp-3,10.1.0.3,junos,lab,\nimp-4,10.1.0.4,cisco_ios,ghost,\n';
    await operator.get('/devices/import');
    const report = await operator.post('/devices/import', { format: 'csv', text: bad });
    expect(report.statusCode).toBe(422);
    expect(report.body).toContain('<code>row 3 name</code>');
    expect(report.body).toContain('<code>row 4 platform</code>');
    expect(await t.ctx.devices.findByName('imp-1')).toBeNull();
    const ghost = await operator.post('/devices/import', { format: 'csv', text: 'name,host,platform,credential\nimp-4,10.1.0.4,cisco_ios,ghost\n' });
    expect(ghost.body).toContain('<code>row 2 credential</code>');
    expect(ghost.body).toContain('no credential named &quot;ghost&quot;');

    const good = await operator.post('/devices/import', { format: 'yaml', text: 'devices:\n  - { name: imp-1, host: 10.1.0.1, platform: cisco_ios, credential: lab, tags: [a, b] }\n  - { name: imp-2, host: 10.1.0.2, platform: arista_eos, jump_host: imp-1 }\n' });
    expect(good.statusCode).toBe(303);
    expect((await operator.get('/devices')).body).toContain('Imported 2 device(s): 2 created, 0 updated.');
    expect(await t.ctx.devices.findByName('imp-2')).toMatchObject({ jumpHostName: 'imp-1', platform: 'arista_eos' });
    expect((await viewer.get('/devices/import')).statusCode).toBe(403);
  });

  it('deletes only as admin, with confirm, and keeps run history readable', async () => {
    const { requestRun } = await import('../../../src/core/runs/request-run.ts');
    const { run } = await requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: 'imp-1', params: {}, source: 'web', requester: { id: null, name: 'operator', role: 'operator' } });
    const id = await idOf('imp-1');
    const byOperator = await operator.post(`/devices/${id}/delete`, {}, { htmx: 'device-table' });
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.body).toContain('needs admin or higher');
    const page = await admin.get('/devices');
    expect(page.body).toContain(`hx-confirm="Delete device imp-1? This cannot be undone."`);
    const res = await admin.post(`/devices/${id}/delete`, { search: 'imp' }, { htmx: 'device-table' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Device imp-1 deleted.');
    expect(res.body).toContain('<strong>imp-2</strong>'); // the table comes back with the filters kept
    expect(res.body).not.toContain('<strong>lab-ios-1</strong>');
    expect(await t.ctx.devices.findByName('imp-1')).toBeNull();
    expect((await admin.get(`/devices/${id}/edit`)).statusCode).toBe(404);
    expect((await viewer.get(`/runs/${run.number}`)).body).toContain('<h3>imp-1 ');
  });

  it('keeps the whole form for viewers closed with a 403 page', async () => {
    const res = await viewer.get('/devices/new');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Not allowed');
    expect(res.body).toContain('viewer has role viewer; changing devices needs operator or higher.');
    expect((await viewer.post('/devices', { name: 'x', host: 'h', platform: 'cisco_ios' })).statusCode).toBe(403);
  });
  it('deletes a credential by name for admins only, audits it, and answers 404 for one that is gone', async () => {
    await admin.get('/credentials');
    expect((await admin.post('/credentials', { name: 'to-delete', username: 'netops', password: 'pw-not-shown' })).statusCode).toBe(303);
    const id = (await t.ctx.credentials.findByName('to-delete'))!.id;
    await operator.get('/credentials');
    expect((await operator.post('/credentials/to-delete/delete')).statusCode).toBe(403);
    expect(await t.ctx.credentials.findByName('to-delete')).not.toBeNull();
    const done = await admin.post('/credentials/to-delete/delete');
    expect(done.statusCode).toBe(303);
    expect(await t.ctx.credentials.findByName('to-delete')).toBeNull();
    const listed = await admin.get('/credentials');
    expect(listed.body).toContain('Credential to-delete deleted');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'credential.deleted', objectId: id } });
    expect(audit).toMatchObject({ actorName: 'admin', source: 'web' });
    expect(JSON.stringify(audit)).not.toContain('pw-not-shown');
    expect((await admin.post('/credentials/to-delete/delete')).statusCode).toBe(404);
  });
});
