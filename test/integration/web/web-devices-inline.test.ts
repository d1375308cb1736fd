import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('devices created and edited inline in the table (htmx)', () => {
  let t: TestApp;
  let operator: WebClient;
  let viewer: WebClient;

  const idOf = async (name: string) => (await t.ctx.devices.findByName(name))!.id;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [operator, viewer] = await Promise.all([loggedIn(t, 'operator'), loggedIn(t, 'viewer')]);
  });
  afterAll(async () => t?.close());

  it('offers the new-device row, refuses bad fields in the row naming them, then creates and answers with the row', async () => {
    const page = await operator.get('/devices');
    expect(page.body).toContain('<tbody id="device-add"></tbody>');
    expect(page.body).toContain('hx-get="/devices/new" hx-target="#device-add"');

    const form = await operator.get('/devices/new', { htmx: 'device-add' });
    expect(form.statusCode).toBe(200);
    expect(form.body.trimStart()).toMatch(/^<tr id="device-new" class="edit-row">/);
    expect(form.body).toMatch(/<label for="n-name">Name/);
    expect(form.body).toMatch(/id="n-name" name="name"[^>]*autofocus/);
    expect(form.body).toContain('<label for="n-credential">Credential</label>');
    expect(form.body).toContain('data-remove-row');

    const bad = await operator.post('/devices', { name: 'in line', host: 'not a host!', platform: 'cisco_ios' }, { htmx: 'device-new' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body.trimStart()).toMatch(/^<tr id="device-new" class="edit-row">/);
    expect(bad.body).toMatch(/<li><a href="#n-name">Name<\/a>: letters, digits/);
    expect(bad.body).toMatch(/<li><a href="#n-host">Host<\/a>: a hostname or an IPv4\/IPv6 address/);
    expect(bad.body).toMatch(/id="n-host"[^>]*aria-invalid="true" aria-describedby="n-host-error"/);
    expect(bad.body).toContain('value="not a host!"');
    expect(await t.ctx.devices.findByName('in line')).toBeNull();

    const taken = await operator.post('/devices', { name: 'lab-ios-1', host: '10.0.0.1', platform: 'cisco_ios' }, { htmx: 'device-new' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('<a href="#n-name">Name</a>: A device named lab-ios-1 exists already');

    const ok = await operator.post('/devices', { name: 'inline-1', host: '10.9.0.1', port: '22', platform: 'arista_eos', credential: 'lab', site: 'fra1', tags: 'edge', description: 'made inline' }, { htmx: 'device-new' });
    expect(ok.statusCode).toBe(201);
    const id = await idOf('inline-1');
    expect(ok.body.trimStart()).toMatch(new RegExp(`^<tr id="device-${id}">`));
    expect(ok.body).toContain('<strong>inline-1</strong>');
    expect(ok.body).toMatch(/aria-label="Edit inline-1" autofocus/);
    expect(ok.body).toMatch(/<div id="flash"[^>]*hx-swap-oob="true">[\s\S]*Device inline-1 created\./);
    expect(await t.ctx.devices.findByName('inline-1')).toMatchObject({ platform: 'arista_eos', site: 'fra1', tags: ['edge'], credentialName: 'lab', description: 'made inline' });
  });

  it('swaps a row for its edit form, saves it back as a row, and restores it on cancel', async () => {
    const id = await idOf('inline-1');
    const edit = await operator.get(`/devices/${id}/edit`, { htmx: `device-${id}` });
    expect(edit.body.trimStart()).toMatch(new RegExp(`^<tr id="device-${id}" class="edit-row">`));
    expect(edit.body).toMatch(new RegExp(`id="e-${id}-name" name="name"\\s+value="inline-1" required readonly`));
    expect(edit.body).toMatch(new RegExp(`id="e-${id}-host"[^>]*autofocus`));
    expect(edit.body).toContain(`hx-get="/devices/${id}/row"`);
    expect(edit.body).toContain('>made inline</textarea>');

    const bad = await operator.post(`/devices/${id}`, { host: '10.9.0.1', platform: 'cisco_ios', port: '70000' }, { htmx: `device-${id}` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(`<a href="#e-${id}-port">SSH port</a>:`);
    const ghost = await operator.post(`/devices/${id}`, { host: '10.9.0.1', platform: 'cisco_ios', credential: 'ghost' }, { htmx: `device-${id}` });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.body).toContain(`<a href="#e-${id}-credential">Credential</a>: No credential named &quot;ghost&quot;`);

    const saved = await operator.post(`/devices/${id}`, { name: 'ignored', host: '10.9.0.2', platform: 'arista_eos', credential: 'lab', site: 'ams1', tags: 'edge, core', description: 'made inline' }, { htmx: `device-${id}` });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('<code>10.9.0.2:22</code>');
    expect(saved.body).toContain('Device inline-1 saved.');
    expect(await t.ctx.devices.findByName('inline-1')).toMatchObject({ host: '10.9.0.2', site: 'ams1', tags: ['edge', 'core'] });
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'device.updated', objectId: id } });
    expect(audit?.oldValue).toContain('10.9.0.1');

    const row = await operator.get(`/devices/${id}/row`, { htmx: `device-${id}` });
    expect(row.body.trimStart()).toMatch(new RegExp(`^<tr id="device-${id}">`));
    expect(row.body).not.toContain('hx-swap-oob');
  });

  it('keeps the row forms to operators and up, and needs the CSRF header', async () => {
    const id = await idOf('inline-1');
    const page = await viewer.get('/devices');
    expect(page.body).not.toContain('id="device-add"');
    expect((await viewer.get('/devices/new', { htmx: 'device-add' })).statusCode).toBe(403);
    expect((await viewer.get(`/devices/${id}/edit`, { htmx: `device-${id}` })).statusCode).toBe(403);
    expect((await viewer.post(`/devices/${id}`, { host: '10.0.0.3', platform: 'cisco_ios' }, { htmx: `device-${id}` })).statusCode).toBe(403);
    expect((await viewer.get(`/devices/${id}/row`, { htmx: `device-${id}` })).body).not.toContain('aria-label="Edit inline-1"');
    const noCsrf = await operator.post(`/devices/${id}`, { host: '10.0.0.3', platform: 'cisco_ios' }, { htmx: `device-${id}`, csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.ctx.devices.findByName('inline-1'))?.host).toBe('10.9.0.2');
  });
});
