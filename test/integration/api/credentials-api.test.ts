import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { apiClient, createAdmin } from './api-client.ts';

describe('credentials through the API', () => {
  let t: TestApp;
  let admin: string;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    call = apiClient(t);
    admin = await createAdmin(t);
  });
  afterAll(async () => t?.close());

  it('stores secrets write-only: created, changed and listed without ever returning them', async () => {
    const body = { name: 'core', username: 'ops', password: 'Pw-Secret-1111', enable_secret: 'En-Secret-2222', description: 'core routers' };
    expect((await call('POST', '/credentials', t.tokens.approver, body)).statusCode).toBe(403);
    const created = await call('POST', '/credentials', admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'core', username: 'ops', has_password: true, has_enable_secret: true, has_private_key: false, has_passphrase: false, description: 'core routers', device_count: 0,
    });
    expect((await call('POST', '/credentials', admin, body)).statusCode).toBe(409);

    const patched = await call('PATCH', '/credentials/core', admin, { password: null, private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nKey-Secret-3333\n-----END OPENSSH PRIVATE KEY-----' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ username: 'ops', has_password: false, has_private_key: true, has_enable_secret: true });
    const stored = await t.ctx.db.prisma.credential.findUniqueOrThrow({ where: { name: 'core' } });
    expect(t.ctx.box.decrypt(stored.enableSecretEnc!)).toBe('En-Secret-2222'); // untouched by the PATCH
    expect(JSON.stringify(stored)).not.toContain('Key-Secret-3333'); // encrypted at rest

    const seen = [
      await call('GET', '/credentials', t.tokens.operator),
      await call('GET', `/credentials/${created.json().id}`, t.tokens.operator),
      await call('GET', '/logs?object_type=credential', admin),
    ];
    for (const res of seen) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/Pw-Secret-1111|En-Secret-2222|Key-Secret-3333/);
    }
    const log = seen[2]!.json().items as { action: string; source: string; actor_name: string }[];
    expect(log.map((e) => e.action).sort()).toEqual(['credential.created', 'credential.updated']);
    expect(log.every((e) => e.source === 'api' && e.actor_name === 'root')).toBe(true);
    expect((await call('GET', '/credentials', t.tokens.viewer)).statusCode).toBe(403);
  });

  it('refuses to delete a credential in use unless forced, and names bad fields', async () => {
    const used = await call('DELETE', '/credentials/lab', admin);
    expect(used.statusCode).toBe(409);
    expect(used.json().error).toMatchObject({ code: 'CONFLICT', details: { device_count: 1 } });
    expect((await call('DELETE', '/credentials/lab', t.tokens.approver)).statusCode).toBe(403);
    const forced = await call('DELETE', '/credentials/lab?force=true', admin);
    expect(forced.statusCode).toBe(204);
    expect((await t.ctx.devices.findByName('lab-ios-1'))?.credentialName).toBeNull();
    expect((await call('GET', '/credentials/lab', admin)).json().error.code).toBe('CREDENTIAL_NOT_FOUND');

    const bad = await call('POST', '/credentials', admin, { name: 'x y', password: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['name', 'password', 'username']);
    expect((await call('PATCH', '/credentials/core', admin, { name: 'core', username: '' })).json().error.details.issues[0].field).toBe('username');
  });
});
