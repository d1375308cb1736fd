import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { addUser, loggedIn, preparePeople, WebClient } from './web-client.ts';

describe('ending a user\'s other web sessions (password change, reset, disable)', () => {
  let t: TestApp;
  let admin: WebClient;

  const idOf = async (name: string) => (await t.ctx.users.findByName(name))!.id;
  const api = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });
  /** 200 for a live session; a 303 to /login once it was ended. */
  const status = async (c: WebClient) => {
    const res = await c.get('/profile');
    return res.statusCode === 303 ? String(res.headers.location) : res.statusCode;
  };
  const indexed = async (name: string) => t.ctx.redis.smembers(`${t.ctx.config.REDIS_PREFIX}:user-sess:${await idOf(name)}`);

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    await addUser(t, 'erin', 'operator', 'pw-erin');
    await addUser(t, 'fred', 'operator', 'pw-fred');
    admin = await loggedIn(t, 'admin');
  });
  afterAll(async () => t?.close());

  it('keeps the session that changed the password and logs out the others; API tokens keep working', async () => {
    const token = await createApiToken(t.ctx, 'erin', 'laptop');
    const [here, there] = await Promise.all([loggedIn(t, 'erin'), loggedIn(t, 'erin')]);
    expect(await indexed('erin')).toHaveLength(2);
    expect(await status(there)).toBe(200);

    await here.get('/profile');
    const changed = await here.post('/profile/password', { current_password: 'pw-erin', new_password: 'erin-new-password', confirm_password: 'erin-new-password' });
    expect(changed.statusCode).toBe(303);
    const page = await here.get('/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your password is changed; 1 other session(s) were logged out.');
    expect(await status(there)).toBe('/login?next=%2Fprofile');
    // htmx requests from the ended session are sent to the login page too
    expect((await there.get('/devices', { htmx: 'device-table' })).headers['hx-redirect']).toMatch(/^\/login/);
    expect(await indexed('erin')).toHaveLength(1); // only the session that changed it
    expect((await api(token)).statusCode).toBe(200);
  });

  it('ends every session of a user an admin resets the password of, or disables', async () => {
    const fredId = await idOf('fred');
    const [one, two] = await Promise.all([loggedIn(t, 'fred'), loggedIn(t, 'fred')]);
    const token = await createApiToken(t.ctx, 'fred', 'ci');
    await admin.get(`/users/${fredId}`);
    expect((await admin.post(`/users/${fredId}/password`, { new_password: 'fred-reset-password' })).statusCode).toBe(303);
    expect((await admin.get(`/users/${fredId}`)).body).toContain('and their 2 open session(s) are logged out');
    expect(await status(one)).toMatch(/^\/login/);
    expect(await status(two)).toMatch(/^\/login/);
    expect(await status(admin)).toBe(200);
    expect((await api(token)).statusCode).toBe(200);
    expect(await indexed('fred')).toEqual([]);

    expect((await new WebClient(t.app).login('fred', 'fred-reset-password')).statusCode).toBe(200);
    expect(await indexed('fred')).toHaveLength(1);
    await admin.post(`/users/${fredId}/disable`);
    expect(await indexed('fred')).toEqual([]);
    expect(await t.ctx.redis.keys(`${t.ctx.config.REDIS_PREFIX}:sess:*`)).not.toHaveLength(0); // the admin's own session lives on
    expect(await status(admin)).toBe(200);
  }, 30_000);

  it('ends the web sessions of a user disabled through the API too', async () => {
    await addUser(t, 'gina', 'viewer', 'pw-gina');
    const gina = await loggedIn(t, 'gina');
    const token = await createApiToken(t.ctx, 'admin', 'ops');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/users/gina', headers: { authorization: `Bearer ${token}` }, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(await indexed('gina')).toEqual([]);
    expect(await status(gina)).toMatch(/^\/login/);
  });

  it('drops a session from its user\'s set on logout', async () => {
    const c = await loggedIn(t, 'operator');
    expect(await indexed('operator')).toHaveLength(1);
    await c.get('/profile');
    await c.post('/logout');
    expect(await indexed('operator')).toEqual([]);
  });
});
