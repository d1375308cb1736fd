import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { apiClient, createAdmin } from './api-client.ts';

describe('devices through the API', () => {
  let t: TestApp;
  let admin: string;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await createTestApp({ devices: 2, worker: false });
    call = apiClient(t);
    admin = await createAdmin(t);
  });
  afterAll(async () => t?.close());

  it('creates, reads (by id or name), changes and deletes a device, auditing each change', async () => {
    const body = { name: 'edge-9', host: '10.9.0.1', platform: 'arista_eos', credential: 'lab', site: 'ams1', tags: ['edge'] };
    expect((await call('POST', '/devices', t.tokens.viewer, body)).statusCode).toBe(403);
    const created = await call('POST', '/devices', t.tokens.operator, body);
    expect(created.statusCode).toBe(201);
    const device = created.json();
    expect(device).toMatchObject({ name: 'edge-9', port: 22, device_type: 'router', credential: 'lab', site: 'ams1', tags: ['edge'], host_key_fingerprint: null });
    expect(created.headers.location).toBe(`/api/v1/devices/${device.id}`);
    expect(JSON.stringify(device)).not.toMatch(/password|secret/i);

    const again = await call('POST', '/devices', t.tokens.operator, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'name' } });

    expect((await call('GET', `/devices/${device.id}`, t.tokens.viewer)).json().name).toBe('edge-9');
    expect((await call('GET', '/devices/edge-9', t.tokens.viewer)).json().id).toBe(device.id);

    const patched = await call('PATCH', '/devices/edge-9', t.tokens.operator, { port: 2222, site: null, tags: ['edge', 'core'] });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'edge-9', host: '10.9.0.1', port: 2222, site: null, credential: 'lab', tags: ['edge', 'core'] });
    const renamed = await call('PATCH', `/devices/${device.id}`, t.tokens.operator, { name: 'edge-10' });
    expect(renamed.json()).toMatchObject({ id: device.id, name: 'edge-10', port: 2222 });
    expect((await call('PATCH', '/devices/edge-10', t.tokens.operator, { name: 'lab-ios-1' })).statusCode).toBe(409);

    expect((await call('DELETE', '/devices/edge-10', t.tokens.operator)).statusCode).toBe(403);
    const deleted = await call('DELETE', '/devices/edge-10', admin);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await call('GET', `/devices/${device.id}`, t.tokens.viewer);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('DEVICE_NOT_FOUND');

    const actions = (await t.ctx.audit.list({ objectType: 'device', objectId: device.id }, { page: 1, perPage: 10 })).items;
    expect(actions.map((a) => a.action).sort()).toEqual(['device.created', 'device.deleted', 'device.updated', 'device.updated']);
    expect(actions.every((a) => a.source === 'api')).toBe(true);
  });

  it('refuses bad input with 400 naming each field, and unknown references with 404', async () => {
    const bad = await call('POST', '/devices', t.tokens.operator, { name: '-bad', host: 'a b', platform: 'ios', port: 70000, colour: 'red' });
    expect(bad.statusCode).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const fields = err.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'host', 'platform', 'port']));
    expect(JSON.stringify(err)).toContain('colour');
    const noCredential = await call('POST', '/devices', t.tokens.operator, { name: 'x1', host: '10.0.0.1', platform: 'cisco_ios', credential: 'nope' });
    expect(noCredential.statusCode).toBe(404);
    expect(noCredential.json().error).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', details: { field: 'credential' } });
    expect((await call('GET', '/devices?per_page=500', t.tokens.viewer)).json().error.details.issues[0]).toMatchObject({ field: 'per_page', in: 'query' });
    expect((await call('GET', '/devices', null)).statusCode).toBe(401);
  });

  it('paginates with page, per_page, total, has_next and has_previous', async () => {
    for (const n of [1, 2, 3]) await call('POST', '/devices', t.tokens.operator, { name: `page-${n}`, host: `10.8.0.${n}`, platform: 'linux', site: 'par1' });
    const first = (await call('GET', '/devices?search=page-&per_page=2', t.tokens.viewer)).json();
    expect(first).toMatchObject({ page: 1, per_page: 2, total: 3, has_next: true, has_previous: false });
    expect(first.items.map((d: { name: string }) => d.name)).toEqual(['page-1', 'page-2']);
    const second = (await call('GET', '/devices?search=page-&per_page=2&page=2', t.tokens.viewer)).json();
    expect(second).toMatchObject({ page: 2, total: 3, has_next: false, has_previous: true });
    expect(second.items.map((d: { name: string }) => d.name)).toEqual(['page-3']);
    expect((await call('GET', '/devices?platform=linux&site=par1', t.tokens.viewer)).json().total).toBe(3);
  });

  it('counts devices per site, platform and tag', async () => {
    const bySite = (await call('GET', '/devices/groups?by=site', t.tokens.viewer)).json();
    expect(bySite.groups).toEqual(expect.arrayContaining([{ value: 'lab', count: 2, statuses: { online: 0, offline: 0, unknown: 2 } }]));
    expect(bySite.groups.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(bySite.total);
    const byPlatform = (await call('GET', '/devices/groups?by=platform', t.tokens.viewer)).json();
    expect(byPlatform.groups).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'cisco_ios', count: 2 })]));
    const byTag = (await call('GET', '/devices/groups?by=tag', t.tokens.viewer)).json();
    expect(byTag.groups).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'lab', count: 2 })]));
    expect(byTag.groups.find((g: { value: string | null }) => g.value === null)?.count).toBeGreaterThan(0); // untagged devices
    const bad = await call('GET', '/devices/groups?by=colour', t.tokens.viewer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('by');
  });

  it('tests the connection: a lab device answers with latency and host key; a closed port says CONNECT_REFUSED', async () => {
    expect((await call('POST', '/devices/lab-ios-1/test', t.tokens.viewer)).statusCode).toBe(403);
    const ok = await call('POST', '/devices/lab-ios-1/test', t.tokens.operator);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, device: 'lab-ios-1', host_key_pinned: true, error: null });
    expect(ok.json().host_key_fingerprint).toMatch(/^SHA256:/);
    expect(ok.json().latency_ms).toBeGreaterThanOrEqual(0);
    expect((await t.ctx.devices.findByName('lab-ios-1'))?.status).toBe('online');

    await call('POST', '/devices', t.tokens.operator, { name: 'closed-1', host: '127.0.0.1', port: 1, platform: 'cisco_ios', credential: 'lab' });
    const refused = await call('POST', '/devices/closed-1/test', t.tokens.operator);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ ok: false, device: 'closed-1', error: { code: 'CONNECT_REFUSED' } });
    expect((await t.ctx.devices.findByName('closed-1'))?.status).toBe('offline');
    expect((await call('POST', '/devices/ghost/test', t.tokens.operator)).statusCode).toBe(404);
    // curl -X POST -H 'content-type: application/json' with no body is fine; broken JSON is a 400.
    expect((await call('POST', '/devices/closed-1/test', t.tokens.operator, '', { 'content-type': 'application/json' })).statusCode).toBe(200);
    const broken = await call('POST', '/devices', t.tokens.operator, '{"name":', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('lets an admin re-pin a changed host key, only to the key they expect when they name one', async () => {
    const device = (await t.ctx.devices.findByName('lab-ios-2'))!;
    const real = (await call('POST', '/devices/lab-ios-2/test', t.tokens.operator)).json().host_key_fingerprint as string;
    await t.ctx.devices.replaceHostKey(device.id, 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const changed = (await call('POST', '/devices/lab-ios-2/test', t.tokens.operator)).json();
    expect(changed).toMatchObject({ ok: false, error: { code: 'HOST_KEY_CHANGED' } });

    expect((await call('POST', '/devices/lab-ios-2/trust-key', t.tokens.approver, {})).statusCode).toBe(403);
    const wrong = await call('POST', '/devices/lab-ios-2/trust-key', admin, { fingerprint: 'SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.details).toMatchObject({ field: 'fingerprint', presented: real });
    expect((await t.ctx.devices.findById(device.id))?.hostKeyFingerprint).toBe('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');

    const trusted = await call('POST', '/devices/lab-ios-2/trust-key', admin, { fingerprint: real });
    expect(trusted.statusCode).toBe(200);
    expect(trusted.json()).toMatchObject({ device: 'lab-ios-2', previous_fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', fingerprint: real, changed: true });
    expect((await call('POST', '/devices/lab-ios-2/test', t.tokens.operator)).json()).toMatchObject({ ok: true, host_key_fingerprint: real });
    const audit = (await t.ctx.audit.list({ objectType: 'device', objectId: device.id }, { page: 1, perPage: 20 })).items;
    expect(audit.find((a) => a.action === 'device.host_key_accepted')).toMatchObject({ source: 'api', level: 'WARNING', actorName: 'root' });

    const unreachable = await call('POST', '/devices/closed-1/trust-key', admin, {});
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().error.message).toContain('CONNECT_REFUSED');
  });

  it('imports CSV or YAML all or nothing, reporting every bad row', async () => {
    const before = (await call('GET', '/devices?per_page=1', t.tokens.viewer)).json().total;
    const csv = 'name,host,port,platform,credential,site,tags\nimp-1,10.7.0.1,22,cisco_ios,lab,fra1,access;floor1\nimp-2,not a host,22,cisco_ios,lab,fra1,\nimp-3,10.7.0.3,99999,junos,nope,fra1,\n';
    const bad = await call('POST', '/devices/import', t.tokens.operator, csv, { 'content-type': 'text/csv' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['row 3 host', 'row 4 port', 'row 4 platform']));
    expect(fields.some((f: string) => f.startsWith('row 2'))).toBe(false);
    const unknownCredential = await call('POST', '/devices/import', t.tokens.operator, { format: 'csv', text: 'name,host,platform,credential\nimp-1,10.7.0.1,cisco_ios,nope\n' });
    expect(unknownCredential.json().error.details.issues).toEqual([{ field: 'row 2 credential', message: 'no credential named "nope"' }]);
    expect((await call('GET', '/devices?per_page=1', t.tokens.viewer)).json().total).toBe(before);

    const good = await call('POST', '/devices/import', t.tokens.operator, csv.split('\n').slice(0, 2).join('\n'), { 'content-type': 'text/csv' });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ created: 1, updated: 0, names: ['imp-1'] });
    const yaml = 'devices:\n  - { name: imp-1, host: 10.7.0.11, platform: cisco_ios }\n  - { name: imp-4, host: 10.7.0.4, platform: linux, jump_host: imp-1 }\n';
    const fromYaml = await call('POST', '/devices/import', t.tokens.operator, yaml, { 'content-type': 'application/yaml' });
    expect(fromYaml.json()).toEqual({ created: 1, updated: 1, names: ['imp-1', 'imp-4'] });
    expect((await call('GET', '/devices/imp-4', t.tokens.viewer)).json()).toMatchObject({ jump_host: 'imp-1' });
    expect((await call('POST', '/devices/import', t.tokens.viewer, { format: 'csv', text: 'x' })).statusCode).toBe(403);
  });

  it('sends no CORS headers when CORS_ORIGINS is not set', async () => {
    const res = await call('GET', '/devices', t.tokens.viewer, undefined, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
