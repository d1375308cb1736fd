import { hash } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../helpers/test-app.ts';

/** Gives an existing test user a web password (createTestApp makes users without one). */
export async function setPassword(t: TestApp, name: string, password: string): Promise<void> {
  await t.ctx.db.prisma.user.update({ where: { name }, data: { passwordHash: await hash(password), failedLogins: 0, lockedUntil: null } });
}

/** The CSRF token a page hands to htmx (on <body hx-headers>) and to plain forms (_csrf). */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /"x-csrf-token":"([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in the page');
  return m[1];
}

/**
 * A browser-like client over inject(): keeps cookies, sends forms url-encoded, and can act as htmx
 * (HX-Request + HX-Target + the CSRF header the layout sets on <body>).
 */
export class WebClient {
  private cookies = new Map<string, string>();
  csrf = '';

  private readonly remoteAddress: string;
  private readonly extraHeaders: Record<string, string>;

  /** `remoteAddress` lets a test be another client IP (the login rate limit counts per IP); `headers` go on every request. */
  constructor(private readonly app: FastifyInstance, opts: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
    this.remoteAddress = opts.remoteAddress ?? '127.0.0.1';
    this.extraHeaders = opts.headers ?? {};
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('text/html')) {
      try {
        this.csrf = csrfOf(res.body);
      } catch {
        // fragments without a form keep the last token
      }
    }
    return res;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, opts: { htmx?: string } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.extraHeaders, cookie: this.cookieHeader };
    if (opts.htmx !== undefined) Object.assign(headers, { 'hx-request': 'true', 'hx-target': opts.htmx });
    return this.remember(await this.app.inject({ method: 'GET', url, headers, remoteAddress: this.remoteAddress }));
  }

  /** A form post; `csrf: false` leaves the token out, `htmx` sends it as the header like htmx does. */
  async post(url: string, form: Record<string, string> = {}, opts: { htmx?: string; csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.extraHeaders, cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(form);
    if (opts.csrf !== false) {
      if (opts.htmx !== undefined) headers['x-csrf-token'] = this.csrf;
      else body.set('_csrf', this.csrf);
    }
    if (opts.htmx !== undefined) Object.assign(headers, { 'hx-request': 'true', 'hx-target': opts.htmx });
    return this.remember(await this.app.inject({ method: 'POST', url, headers, payload: body.toString(), remoteAddress: this.remoteAddress }));
  }

  /** Logs in through the form; returns the final response (the page after the redirect). */
  async login(name: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/login');
    const res = await this.post('/login', { name, password });
    if (res.statusCode !== 303) return res;
    return this.get(String(res.headers.location));
  }
}

/** Creates a user with a web password (e.g. an admin, which createTestApp does not make). */
export async function addUser(t: TestApp, name: string, role: 'viewer' | 'operator' | 'approver' | 'admin', password: string): Promise<void> {
  await t.ctx.users.create({ name, role, passwordHash: await hash(password) });
}

/** A logged-in client for each test user; passwords are `pw-<name>`. */
export async function loggedIn(t: TestApp, name: string, headers: Record<string, string> = {}): Promise<WebClient> {
  const c = new WebClient(t.app, { headers });
  const res = await c.login(name, `pw-${name}`);
  if (res.statusCode !== 200) throw new Error(`login as ${name} failed: ${res.statusCode}`);
  return c;
}

/** Gives operator, approver and viewer passwords and adds an admin. */
export async function preparePeople(t: TestApp): Promise<void> {
  for (const name of ['operator', 'approver', 'viewer']) await setPassword(t, name, `pw-${name}`);
  await addUser(t, 'admin', 'admin', 'pw-admin');
}
