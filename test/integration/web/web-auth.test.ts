import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, WebClient } from './web-client.ts';

describe('web login, sessions, CSRF and security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false, env: { LOGIN_LOCKOUT_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '40' } });
    await preparePeople(t);
  });
  afterAll(async () => t?.close());

  it('sends an anonymous page request to the login form, and htmx requests via HX-Redirect', async () => {
    const c = new WebClient(t.app);
    const page = await c.get('/runs?status=failed');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fruns%3Fstatus%3Dfailed');
    const fragment = await c.get('/runs', { htmx: 'run-table' });
    expect(fragment.statusCode).toBe(401);
    expect(fragment.headers['hx-redirect']).toMatch(/^\/login\?next=/);
  });

  it('logs in with the argon2 password, issues a new HttpOnly SameSite=Lax session and returns to the asked page', async () => {
    const c = new WebClient(t.app);
    const form = await c.get('/login?next=/devices');
    const before = form.cookies.find((k) => k.name === 'netops_session')?.value;
    const res = await c.post('/login', { name: 'operator', password: 'pw-operator', next: '/devices' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/devices');
    // regenerate() first expires the anonymous cookie, then sets the new one
    const cookie = res.cookies.filter((k) => k.name === 'netops_session').at(-1)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // BASE_URL is http here
    expect(cookie.value).not.toBe(before); // session fixation: a new id at login
    const page = await c.get('/devices');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span class="who">operator</span>');
  });

  it('never sends the user to another site after login', async () => {
    const c = new WebClient(t.app);
    await c.get('/login');
    const res = await c.post('/login', { name: 'viewer', password: 'pw-viewer', next: '//evil.example/x' });
    expect(res.headers.location).toBe('/');
  });

  it('refuses a wrong password with one message for unknown and known names, and records it', async () => {
    const c = new WebClient(t.app, { remoteAddress: '10.0.0.21' });
    await c.get('/login');
    const known = await c.post('/login', { name: 'viewer', password: 'nope' });
    const unknown = await c.post('/login', { name: 'nobody', password: 'nope' });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(known.body).toContain('Wrong user name or password.');
    expect(unknown.body).toContain('Wrong user name or password.');
    const events = await t.ctx.db.prisma.auditEvent.findMany({ where: { action: 'login.failed', source: 'web' } });
    expect(events.some((e) => e.ip === '10.0.0.21' && e.message?.includes('"viewer"'))).toBe(true);
    await t.ctx.db.prisma.user.update({ where: { name: 'viewer' }, data: { failedLogins: 0 } });
  });

  it('locks an account after repeated failures, refusing even the right password until the lock ends', async () => {
    const c = new WebClient(t.app, { remoteAddress: '10.0.0.22' });
    await c.get('/login');
    await c.post('/login', { name: 'approver', password: 'bad-1' });
    await c.post('/login', { name: 'approver', password: 'bad-2' });
    const third = await c.post('/login', { name: 'approver', password: 'bad-3' });
    expect(third.statusCode).toBe(403);
    expect(third.body).toContain('locked until');
    const right = await c.post('/login', { name: 'approver', password: 'pw-approver' });
    expect(right.statusCode).toBe(403);
    expect(right.body).toContain('locked until');
    await t.ctx.db.prisma.user.update({ where: { name: 'approver' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await c.post('/login', { name: 'approver', password: 'pw-approver' })).statusCode).toBe(303);
  });

  it('rate limits login attempts per client address with a 429 page', async () => {
    const c = new WebClient(t.app, { remoteAddress: '10.0.0.23' });
    await c.get('/login');
    const codes: number[] = [];
    for (let i = 0; i < 42; i++) codes.push((await c.post('/login', { name: 'nobody', password: `x${i}` })).statusCode);
    expect(codes.slice(0, 40).every((s) => s === 401)).toBe(true);
    expect(codes.slice(40)).toEqual([429, 429]);
    const other = new WebClient(t.app, { remoteAddress: '10.0.0.24' });
    await other.get('/login');
    expect((await other.post('/login', { name: 'nobody', password: 'x' })).statusCode).toBe(401);
  });

  it('refuses state-changing requests without the CSRF token (form and htmx alike)', async () => {
    const c = await loggedIn(t, 'operator');
    const plain = await c.post('/logout', {}, { csrf: false });
    expect(plain.statusCode).toBe(403);
    expect(plain.body).toContain('Form expired');
    const htmx = await c.post('/workflows/validate', { yaml: 'x: 1' }, { htmx: 'yaml-validation', csrf: false });
    expect(htmx.statusCode).toBe(403);
    expect(htmx.headers['hx-retarget']).toBe('#flash');
    const forged = new WebClient(t.app);
    await forged.get('/login');
    forged.csrf = 'forged-token';
    expect((await forged.post('/login', { name: 'operator', password: 'pw-operator' })).statusCode).toBe(403);
    // the real token works, as the header htmx sends
    expect((await c.post('/workflows/validate', { yaml: 'x: 1' }, { htmx: 'yaml-validation' })).statusCode).toBe(200);
  });

  it('logout destroys the session server-side', async () => {
    const c = await loggedIn(t, 'viewer');
    const stolen = c.cookieHeader;
    expect((await c.post('/logout')).headers.location).toBe('/login');
    const replay = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: stolen } });
    expect(replay.statusCode).toBe(303);
  });

  it('ends the session of a user who gets disabled', async () => {
    await t.ctx.users.create({ name: 'temp', role: 'operator', passwordHash: await (await import('@node-rs/argon2')).hash('pw-temp') });
    const c = await loggedIn(t, 'temp');
    await t.ctx.db.prisma.user.update({ where: { name: 'temp' }, data: { disabled: true } });
    expect((await c.get('/')).statusCode).toBe(303);
  });

  it('serves pages under a strict CSP, with htmx and CSS from the package, and leaves the API and health alone', async () => {
    const c = await loggedIn(t, 'viewer');
    const page = await c.get('/');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.body).toContain('<script src="/assets/vendor/htmx.min.js?v=2.0');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page.body).not.toMatch(/(src|href)="https?:/); // nothing from a CDN
    const { readFileSync } = await import('node:fs');
    const htmx = await c.get('/assets/vendor/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    expect(htmx.body).toBe(readFileSync('node_modules/htmx.org/dist/htmx.min.js', 'utf8'));
    expect((await c.get('/assets/vendor/htmx.js')).statusCode).toBe(404);
    expect((await c.get('/assets/css/app.css')).statusCode).toBe(200);

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/runs', headers: { cookie: c.cookieHeader } });
    expect(api.statusCode).toBe(401); // a session cookie is not an API credential
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['set-cookie']).toBeUndefined();
    expect(health.headers['content-security-policy']).toBeUndefined();
    const token = await t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow: 'show-version', target: 'lab-ios-1' } });
    expect(token.statusCode).toBe(202); // no CSRF on the bearer-token API
  });
});
