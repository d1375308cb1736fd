import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

describe('device groups and config history in the web companion', () => {
  let t: TestApp;
  let viewer: WebClient;
  let runNumber = 0;

  const idOf = async (name: string) => (await t.ctx.devices.findByName(name))!.id;

  beforeAll(async () => {
    t = await createTestApp({ devices: 2 });
    await preparePeople(t);
    viewer = await loggedIn(t, 'viewer');
    const more = [
      { name: 'par-core-1', site: 'par1', platform: 'arista_eos', tags: ['core', 'edge'] },
      { name: 'par-core-2', site: 'par1', platform: 'arista_eos', tags: ['core'] },
      { name: 'ams-acc-1', site: 'ams1', platform: 'cisco_ios', tags: [] },
      { name: 'nosite-1', site: undefined, platform: 'juniper_junos', tags: ['edge'] },
    ] as const;
    for (const d of more) await t.ctx.devices.upsert({ name: d.name, host: '10.0.0.1', platform: d.platform, site: d.site, tags: [...d.tags] });
    await t.ctx.db.prisma.device.update({ where: { name: 'par-core-1' }, data: { status: 'online' } });
    await t.ctx.db.prisma.device.update({ where: { name: 'par-core-2' }, data: { status: 'offline' } });
    const { run } = await requestRun(t.ctx.requestDeps, {
      workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 31, description: 'history' }, source: 'web',
      requester: { id: null, name: 'operator', role: 'operator' }, preApproved: true,
    });
    expect(await waitForRun(t, run.id)).toBe('succeeded');
    runNumber = run.number;
  });
  afterAll(async () => t?.close());

  it('groups devices by site, platform and tag with counts per status', async () => {
    const bySite = await viewer.get('/devices/groups');
    expect(bySite.statusCode).toBe(200);
    expect(bySite.body).toMatch(/<a href="\/devices\?site&#x3D;par1">par1<\/a><\/td>\s*<td class="num"><strong>2<\/strong><\/td>\s*<td class="num">1<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>/);
    expect(bySite.body).toMatch(/<a href="\/devices\?site&#x3D;lab">lab<\/a><\/td>\s*<td class="num"><strong>2<\/strong>/);
    expect(bySite.body).toContain('<span class="muted">(no site)</span>');
    expect(bySite.body).toContain('<rect class="seg-online" x="0" y="0" width="50" height="6"/><rect class="seg-offline" x="50" y="0" width="50" height="6"/>');
    const byTag = await viewer.get('/devices/groups?by=tag', { htmx: 'device-groups' });
    expect(byTag.body.trimStart()).toMatch(/^<div id="device-groups">/);
    expect(byTag.body).toMatch(/>core<\/a><\/td>\s*<td class="num"><strong>2<\/strong>/);
    expect(byTag.body).toMatch(/>edge<\/a><\/td>\s*<td class="num"><strong>2<\/strong>/);
    expect(byTag.body).toMatch(/\(no tag\)<\/span><\/td>\s*<td class="num"><strong>1<\/strong>/);
    const byPlatform = await viewer.get('/devices/groups?by=platform', { htmx: 'device-groups' });
    expect(byPlatform.body).toMatch(/>cisco_ios<\/a><\/td>\s*<td class="num"><strong>3<\/strong>/);
    expect((await viewer.get('/devices/groups?by=nonsense')).body).toContain('aria-current="page">By site</a>');
  });

  it('shows the last config, its history with runs, and the last change as a diff', async () => {
    const id = await idOf('lab-ios-1');
    expect((await viewer.get('/devices')).body).toContain(`href="/devices/${id}/config"`);
    const page = await viewer.get(`/devices/${id}/config`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<summary><strong>Last snapshot</strong> (after,');
    expect(page.body).toContain('interface Loopback31');
    expect(page.body.match(new RegExp(`<a href="/runs/${runNumber}">#${runNumber}</a>`, 'g'))).toHaveLength(2); // before and after
    expect(page.body).toContain('<span class="d-add">+interface Loopback31</span>');
    expect(page.body).toContain('<span class="d-add">+ description history</span>');
    expect(page.body).toContain('<span class="d-meta">--- lab-ios-1 (before)</span>');
  });

  it('compares any two snapshots (htmx swaps the diff), ignoring noise, and refuses another device\u2019s snapshot', async () => {
    const id = await idOf('lab-ios-1');
    const snaps = await t.ctx.db.prisma.configSnapshot.findMany({ where: { deviceId: id }, orderBy: { createdAt: 'asc' } });
    const [before, after] = snaps;
    const reverse = await viewer.get(`/devices/${id}/config?from=${after!.id}&to=${before!.id}`, { htmx: 'config-diff' });
    expect(reverse.body.trimStart()).toMatch(/^<section id="config-diff"/);
    expect(reverse.body).toContain('<span class="d-del">-interface Loopback31</span>');
    expect((await viewer.get(`/devices/${id}/config?from=${before!.id}&to=${before!.id}`, { htmx: 'config-diff' })).body).toContain('No change between these snapshots');

    // a manual snapshot that differs only in a timestamp line counts as no change
    const content = (await t.ctx.db.prisma.configBlob.findUnique({ where: { hash: after!.hash } }))!.content;
    await t.ctx.runs.saveSnapshot({ deviceId: id, executionId: null, kind: 'manual', content: content.replace(/^! Last configuration change at .*$/m, '! Last configuration change at 00:00:00 UTC Mon Jan 1 2024') + '\n! Last configuration change at 01:02:03 UTC Tue Jan 2 2024' });
    const manual = (await t.ctx.db.prisma.configSnapshot.findFirst({ where: { deviceId: id, kind: 'manual' } }))!;
    expect((await viewer.get(`/devices/${id}/config?from=${after!.id}&to=${manual.id}`, { htmx: 'config-diff' })).body).toContain('No change between these snapshots');

    const other = await idOf('lab-ios-2');
    expect((await viewer.get(`/devices/${other}/config?from=${before!.id}&to=${after!.id}`)).statusCode).toBe(404);
    const empty = await viewer.get(`/devices/${await idOf('ams-acc-1')}/config`);
    expect(empty.body).toContain('No config stored yet');
  });
});
