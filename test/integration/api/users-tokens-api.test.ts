import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { apiClient, createAdmin } from './api-client.ts';

describe('users and API tokens through the API', () => {
  let t: TestApp;
  let admin: string;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    call = apiClient(t);
    admin = await createAdmin(t);
  });
  afterAll(async () => t?.close());

  it('lets admins list, create, re-role and disable users; others only see themselves', async () => {
    expect((await call('GET', '/users/me', t.tokens.viewer)).json()).toMatchObject({ name: 'viewer', role: 'viewer', disabled: false, active_tokens: 1 });
    expect((await call('GET', '/users', t.tokens.approver)).statusCode).toBe(403);
    expect((await call('POST', '/users', t.tokens.approver, { name: 'mallory', role: 'admin' })).statusCode).toBe(403);

    const created = await call('POST', '/users', admin, { name: 'alice', role: 'operator', password: 'correct horse battery', slack_id: 'U0ALICE1' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'alice', role: 'operator', has_password: true, chat_identities: [{ platform: 'slack', external_id: 'U0ALICE1' }] });
    expect(created.body).not.toContain('correct horse');
    expect((await call('POST', '/users', admin, { name: 'alice', role: 'viewer' })).statusCode).toBe(409);
    const bad = await call('POST', '/users', admin, { name: 'bob', role: 'wizard', password: 'short' });
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['password', 'role']);

    const list = (await call('GET', '/users?per_page=2', admin)).json();
    expect(list).toMatchObject({ page: 1, per_page: 2, total: 5, has_next: true, has_previous: false });
    expect((await call('GET', '/users?role=operator', admin)).json().items.map((u: { name: string }) => u.name)).toEqual(['alice', 'operator']);

    expect((await call('PATCH', '/users/alice', admin, { role: 'approver' })).json().role).toBe('approver');
    const log = (await call('GET', '/logs?type=AUTH&object_type=user', admin)).json().items as { action: string; source: string; new_value: unknown }[];
    expect(log.find((e) => e.action === 'user.updated')).toMatchObject({ source: 'api', new_value: { role: 'approver', disabled: false } });
  });

  it('shows a new token once; it works at once and stops working when revoked or its user is disabled', async () => {
    const alice = (await call('GET', '/users/alice', admin)).json();
    const minted = await call('POST', `/users/${alice.id}/tokens`, admin, { name: 'ci', expires_in_days: 30 });
    expect(minted.statusCode).toBe(201);
    const token = minted.json();
    expect(token.token).toMatch(/^nto_[A-Za-z0-9_-]{20,}$/);
    expect(token).toMatchObject({ name: 'ci', prefix: token.token.slice(0, 8), revoked_at: null });
    expect(token.expires_at).not.toBeNull();
    expect(minted.headers['cache-control']).toBe('no-store');

    expect((await call('GET', '/users/me', token.token)).json().name).toBe('alice');
    const listed = await call('GET', '/users/alice/tokens', token.token);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ total: 1, has_next: false, items: [{ id: token.id, prefix: token.prefix }] });
    expect(listed.body).not.toContain(token.token);
    expect((await t.ctx.db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).tokenHash).not.toContain(token.token);

    // Own tokens: yes; someone else's: only as admin (and no probing of names).
    const own = await call('POST', '/users/me/tokens', t.tokens.viewer, { name: 'laptop' });
    expect(own.statusCode).toBe(201);
    expect((await call('GET', '/users/viewer/tokens', t.tokens.viewer)).json().total).toBe(2);
    expect((await call('GET', '/users/alice/tokens', t.tokens.viewer)).statusCode).toBe(403);
    expect((await call('GET', '/users/nobody-at-all/tokens', t.tokens.viewer)).statusCode).toBe(403);
    expect((await call('DELETE', `/users/alice/tokens/${token.id}`, t.tokens.viewer)).statusCode).toBe(403);

    const revoked = await call('DELETE', `/users/alice/tokens/${token.id}`, token.token);
    expect(revoked.statusCode).toBe(204);
    const refused = await call('GET', '/users/me', token.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('UNAUTHENTICATED');
    expect((await call('GET', '/users/alice/tokens', admin)).json().items[0].revoked_at).not.toBeNull();
    expect((await call('DELETE', `/users/alice/tokens/not-a-token`, admin)).statusCode).toBe(404);

    const second = (await call('POST', '/users/alice/tokens', admin, {})).json().token as string;
    expect((await call('GET', '/users/me', second)).statusCode).toBe(200);
    expect((await call('PATCH', '/users/alice', admin, { disabled: true })).json().disabled).toBe(true);
    expect((await call('GET', '/users/me', second)).statusCode).toBe(401);
    expect((await call('POST', '/users/alice/tokens', admin, {})).statusCode).toBe(422);
    const audit = (await call('GET', '/logs?type=AUTH&per_page=100', admin)).json().items as { action: string; source: string }[];
    expect(audit.filter((e) => e.source === 'api').map((e) => e.action)).toEqual(expect.arrayContaining(['token.created', 'token.revoked', 'user.created', 'user.updated']));
  });

  it('never demotes or disables the last active admin', async () => {
    const demote = await call('PATCH', '/users/root', admin, { role: 'approver' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.details.field).toBe('role');
    expect((await call('PATCH', '/users/root', admin, { disabled: true })).statusCode).toBe(409);
    expect((await call('POST', '/users', admin, { name: 'root2', role: 'admin' })).statusCode).toBe(201);
    expect((await call('PATCH', '/users/root', admin, { role: 'approver' })).json().role).toBe('approver');
    expect((await call('GET', '/users', admin)).statusCode).toBe(403); // the change takes effect at once
  });
});
