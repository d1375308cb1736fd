import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutCredentials } from '../../../src/web/pages/settings/settings-view.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, WebClient } from './web-client.ts';

describe('users, API tokens and the profile in the web companion', () => {
  let t: TestApp;
  let admin: WebClient;
  let operator: WebClient;

  const user = (name: string) => t.ctx.db.prisma.user.findUnique({ where: { name }, include: { chatIdentities: true, apiTokens: true } });
  const api = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/runs', headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    // Chat settings for the settings page: Slack over HTTP, Discord half set up (a key without a gateway token).
    t = await createTestApp({ devices: 1, worker: false, env: { SLACK_BOT_TOKEN: 'xoxb-very-secret-1', SLACK_SIGNING_SECRET: 'signing-secret-very-secret-2', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), APPROVAL_TTL_MINUTES: '45' } });
    await preparePeople(t);
    [admin, operator] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'operator')]);
  });
  afterAll(async () => t?.close());

  it('is for admins: others get 403 and no navigation entry', async () => {
    expect((await operator.get('/users')).statusCode).toBe(403);
    expect((await operator.post('/users', { name: 'x', role: 'admin' })).statusCode).toBe(403);
    expect((await operator.get('/')).body).not.toContain('href="/users"');
    expect((await admin.get('/')).body).toContain('href="/users"');
  });

  it('creates a user with a role, an argon2 password and chat identities; mistakes come back per field', async () => {
    await admin.get('/users');
    const bad = await admin.post('/users', { name: 'bad name', role: 'root', password: 'short', slack_id: 'nope', discord_id: '12' });
    expect(bad.statusCode).toBe(422);
    for (const f of ['name', 'password', 'slack_id', 'discord_id']) expect(bad.body).toContain(`id="f-${f}-error"`);
    expect(bad.body).toContain('value="bad name"');
    expect(bad.body).not.toContain('value="short"'); // a password is never rendered back
    const res = await admin.post('/users', { name: 'dana', role: 'approver', password: 'correct-horse-battery', slack_id: 'U0DANA1', discord_id: '812345678901234567' });
    expect(res.statusCode).toBe(303);
    const dana = (await user('dana'))!;
    expect(dana).toMatchObject({ role: 'approver', passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(dana.chatIdentities.map((c) => `${c.platform}:${c.externalId}`).sort()).toEqual(['discord:812345678901234567', 'slack:U0DANA1']);
    expect((await new WebClient(t.app).login('dana', 'correct-horse-battery')).statusCode).toBe(200);
    const list = await admin.get('/users');
    expect(list.body).toContain('User dana created as approver.');
    expect(list.body).toContain('<span class="tag">slack: U0DANA1</span>');
    const dup = await admin.post('/users', { name: 'dana2', role: 'viewer', slack_id: 'U0DANA1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('slack id U0DANA1 already belongs to another user.');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'user.created', objectId: dana.id } });
    expect(audit).toMatchObject({ source: 'web', actorName: 'admin', type: 'AUTH' });
    expect(audit?.newValue).toContain('"webLogin":true');
    expect(audit?.newValue).not.toContain('correct-horse');
  });

  it('changes roles and disables, but never the last admin or oneself', async () => {
    const dana = (await user('dana'))!;
    const page = await admin.get(`/users/${dana.id}`);
    await admin.post(`/users/${dana.id}/role`, { role: 'operator' });
    expect((await user('dana'))!.role).toBe('operator');
    const roleAudit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'user.role_changed', objectId: dana.id } });
    expect(roleAudit).toMatchObject({ oldValue: '{"role":"approver"}', newValue: '{"role":"operator"}' });
    expect(page.body).toContain('hx-confirm="Disable dana?');

    const danaClient = new WebClient(t.app);
    await danaClient.login('dana', 'correct-horse-battery');
    await admin.post(`/users/${dana.id}/disable`);
    expect((await user('dana'))!.disabled).toBe(true);
    expect((await danaClient.get('/')).statusCode).toBe(303); // the session ends at once
    await admin.post(`/users/${dana.id}/enable`);
    expect((await user('dana'))!.disabled).toBe(false);

    const me = (await user('admin'))!;
    await admin.post(`/users/${me.id}/role`, { role: 'viewer' });
    expect((await admin.get(`/users/${me.id}`)).body).toContain('You cannot change the role of your own account; another admin can.');
    expect((await user('admin'))!.role).toBe('admin');
    await admin.post(`/users/${me.id}/disable`);
    expect((await user('admin'))!.disabled).toBe(false);
  });

  it('unlocks a locked account and resets a password', async () => {
    const dana = (await user('dana'))!;
    await t.ctx.db.prisma.user.update({ where: { id: dana.id }, data: { lockedUntil: new Date(Date.now() + 3_600_000), failedLogins: 0 } });
    const page = await admin.get(`/users/${dana.id}`);
    expect(page.body).toContain('<span class="badge badge-warn">locked</span>');
    await admin.post(`/users/${dana.id}/unlock`);
    expect((await user('dana'))!.lockedUntil).toBeNull();
    const short = await admin.post(`/users/${dana.id}/password`, { new_password: 'tiny' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('at least 12 characters');
    await admin.get(`/users/${dana.id}`);
    expect((await admin.post(`/users/${dana.id}/password`, { new_password: 'a-brand-new-password' })).statusCode).toBe(303);
    expect((await new WebClient(t.app).login('dana', 'a-brand-new-password')).statusCode).toBe(200);
  });

  it('links and unlinks chat identities', async () => {
    const op = (await user('operator'))!;
    await admin.get(`/users/${op.id}`);
    await admin.post(`/users/${op.id}/identities`, { platform: 'slack', external_id: 'U0OPER8' });
    expect((await t.ctx.users.findByChatIdentity('slack', 'U0OPER8'))?.name).toBe('operator');
    await admin.post(`/users/${op.id}/identities`, { platform: 'slack', external_id: 'U0DANA1' });
    expect((await admin.get(`/users/${op.id}`)).body).toContain('slack id U0DANA1 already belongs to dana.');
    const identity = (await user('operator'))!.chatIdentities.find((c) => c.externalId === 'U0OPER8')!;
    await admin.post(`/users/${op.id}/identities/${identity.id}/delete`);
    expect(await t.ctx.users.findByChatIdentity('slack', 'U0OPER8')).toBeNull();
    expect(await t.ctx.db.prisma.auditEvent.count({ where: { action: { in: ['user.identity_added', 'user.identity_removed'] }, objectId: op.id } })).toBe(2);
  });

  it('creates an API token shown once (hashed at rest) and revokes it, for another user or oneself', async () => {
    const dana = (await user('dana'))!;
    await admin.get(`/users/${dana.id}`);
    const made = await admin.post(`/users/${dana.id}/tokens`, { token_name: 'ci' });
    expect(made.statusCode).toBe(201);
    const token = /<code id="new-token">(nto_[A-Za-z0-9_-]+)<\/code>/.exec(made.body)![1]!;
    expect((await api(token)).statusCode).toBe(200);
    const stored = (await user('dana'))!.apiTokens[0]!;
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.prefix).toBe(token.slice(0, 8));
    expect((await admin.get(`/users/${dana.id}`)).body).not.toContain(token);
    await admin.post(`/users/${dana.id}/tokens/${stored.id}/revoke`);
    expect((await api(token)).statusCode).toBe(401);
    expect((await admin.get(`/users/${dana.id}`)).body).toContain('<span class="badge badge-idle">revoked</span>');

    // the profile: own tokens only
    await operator.get('/profile');
    const mine = await operator.post('/profile/tokens', { token_name: 'laptop' });
    const own = /<code id="new-token">(nto_[A-Za-z0-9_-]+)<\/code>/.exec(mine.body)![1]!;
    expect((await api(own)).statusCode).toBe(200);
    const opToken = (await user('operator'))!.apiTokens.find((x) => x.name === 'laptop')!;
    await operator.get('/profile');
    await operator.post(`/profile/tokens/${stored.id}/revoke`); // dana's token: not theirs
    expect((await operator.get('/profile')).body).toContain('No such API token on this user.');
    await operator.post(`/profile/tokens/${opToken.id}/revoke`);
    expect((await api(own)).statusCode).toBe(401);
    expect(await t.ctx.db.prisma.auditEvent.count({ where: { action: 'token.revoked', source: 'web' } })).toBe(2);
  });

  it('lets anyone change their own password with the current one, and shows their chat identities', async () => {
    const viewer = await loggedIn(t, 'viewer');
    await admin.post(`/users/${(await user('viewer'))!.id}/identities`, { platform: 'discord', external_id: '900000000000000001' });
    const page = await viewer.get('/profile');
    expect(page.body).toContain('<span class="tag">discord: 900000000000000001</span>');
    expect(page.body).toContain('<span class="tag">viewer</span>');
    const wrong = await viewer.post('/profile/password', { current_password: 'nope', new_password: 'viewer-new-password', confirm_password: 'viewer-new-password' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('is not your current password');
    const mismatch = await viewer.post('/profile/password', { current_password: 'pw-viewer', new_password: 'viewer-new-password', confirm_password: 'other-password-xx' });
    expect(mismatch.body).toContain('does not match the new password');
    const ok = await viewer.post('/profile/password', { current_password: 'pw-viewer', new_password: 'viewer-new-password', confirm_password: 'viewer-new-password' });
    expect(ok.statusCode).toBe(303);
    expect((await viewer.get('/profile')).body).toContain('Your password is changed.'); // still logged in (new session id)
    expect((await new WebClient(t.app).login('viewer', 'viewer-new-password')).statusCode).toBe(200);
    expect((await new WebClient(t.app).login('viewer', 'pw-viewer')).statusCode).toBe(401);
  });

  it('shows admins the chat connections and effective settings, never a secret', async () => {
    expect((await operator.get('/settings')).statusCode).toBe(403);
    const page = await admin.get('/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<tr data-platform="Slack"><td>Slack<\/td>\s*<td><span class="badge badge-ok">configured<\/span><\/td>\s*<td>HTTP events<\/td>/);
    expect(page.body).toMatch(/<tr data-platform="Discord"><td>Discord<\/td>\s*<td><span class="badge badge-bad">error<\/span><\/td>[\s\S]*Gateway mode needs DISCORD_TOKEN/);
    expect(page.body).toContain('<dt><code>APPROVAL_TTL_MINUTES</code></dt><dd>45 min');
    expect(page.body).toContain('<dt><code>CHAT_DEFAULT_ROLE</code></dt><dd>viewer');
    expect(page.body).toContain('<dt><code>RUN_FANOUT_CONCURRENCY</code></dt><dd>20');
    for (const secret of [t.env.SLACK_BOT_TOKEN!, t.env.SLACK_SIGNING_SECRET!, t.env.NETOPS_SECRET_KEY!, 'ab'.repeat(32)]) expect(page.body).not.toContain(secret);
    expect(withoutCredentials('postgresql://netops:hunter2@db.internal:5432/netops')).toBe('postgresql://db.internal:5432/netops');
    expect(withoutCredentials('redis://:pw@127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
