import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/main/commands/admin-commands.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { loggedIn, preparePeople, WebClient } from '../integration/web/web-client.ts';
import { registeredRoutes } from './web-routes.ts';

const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
type Role = (typeof ROLES)[number];
/**
 * The least role each route needs. `object`: who may act depends on the record (the run's requester may
 * cancel it; a user manages their own tokens), so with a record that does not exist only sign-in is checked.
 */
type Need = Role | 'object';

// Signed-in routes. A new route fails the test until it is added here with its role.
const NEEDS: Record<string, Need> = {
  'GET /api/v1/runs': 'viewer', 'POST /api/v1/runs': 'operator', 'GET /api/v1/runs/:id': 'viewer', 'GET /api/v1/runs/:id/diff': 'viewer',
  'POST /api/v1/runs/:id/approve': 'approver', 'POST /api/v1/runs/:id/reject': 'approver', 'POST /api/v1/runs/:id/cancel': 'object',
  'GET /api/v1/devices': 'viewer', 'POST /api/v1/devices': 'operator', 'GET /api/v1/devices/groups': 'viewer', 'POST /api/v1/devices/import': 'operator',
  'GET /api/v1/devices/:id': 'viewer', 'PATCH /api/v1/devices/:id': 'operator', 'DELETE /api/v1/devices/:id': 'admin',
  'POST /api/v1/devices/:id/test': 'operator', 'POST /api/v1/devices/:id/trust-key': 'admin',
  'GET /api/v1/credentials': 'operator', 'POST /api/v1/credentials': 'admin', 'GET /api/v1/credentials/:id': 'operator',
  'PATCH /api/v1/credentials/:id': 'admin', 'DELETE /api/v1/credentials/:id': 'admin',
  'GET /api/v1/workflows': 'viewer', 'POST /api/v1/workflows': 'approver', 'POST /api/v1/workflows/validate': 'viewer',
  'GET /api/v1/workflows/:id': 'viewer', 'PATCH /api/v1/workflows/:id': 'admin', 'DELETE /api/v1/workflows/:id': 'admin',
  'GET /api/v1/workflows/:id/versions': 'viewer', 'GET /api/v1/workflows/:id/diff': 'viewer', 'POST /api/v1/workflows/:id/dry-run': 'viewer',
  'GET /api/v1/webhooks': 'viewer', 'POST /api/v1/webhooks': 'admin', 'GET /api/v1/webhooks/:id': 'viewer', 'PATCH /api/v1/webhooks/:id': 'admin',
  'DELETE /api/v1/webhooks/:id': 'admin', 'POST /api/v1/webhooks/:id/test': 'admin', 'GET /api/v1/webhooks/:id/deliveries': 'viewer',
  'GET /api/v1/webhooks/:id/deliveries/:deliveryId': 'viewer', 'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': 'admin',
  'GET /api/v1/schedules': 'viewer', 'POST /api/v1/schedules': 'operator', 'GET /api/v1/schedules/:id': 'viewer',
  'PATCH /api/v1/schedules/:id': 'operator', 'DELETE /api/v1/schedules/:id': 'operator',
  'GET /api/v1/logs': 'approver',
  'GET /api/v1/users': 'admin', 'POST /api/v1/users': 'admin', 'GET /api/v1/users/me': 'viewer', 'GET /api/v1/users/:id': 'admin', 'PATCH /api/v1/users/:id': 'admin',
  // Another user's tokens (one's own: any role, checked below).
  'GET /api/v1/users/:id/tokens': 'admin', 'POST /api/v1/users/:id/tokens': 'admin', 'DELETE /api/v1/users/:id/tokens/:tokenId': 'admin',
  'GET /': 'viewer', 'GET /dashboard/live': 'viewer', 'GET /settings': 'admin', 'GET /profile': 'viewer',
  'POST /profile/password': 'viewer', 'POST /profile/tokens': 'viewer', 'POST /profile/tokens/:tokenId/revoke': 'viewer',
  'GET /runs': 'viewer', 'GET /runs/:ref': 'viewer', 'GET /runs/:ref/live': 'viewer',
  'POST /runs/:ref/approve': 'approver', 'POST /runs/:ref/reject': 'approver', 'POST /runs/:ref/cancel': 'object',
  'GET /devices': 'viewer', 'POST /devices': 'operator', 'GET /devices/new': 'operator', 'GET /devices/groups': 'viewer',
  'GET /devices/import': 'operator', 'POST /devices/import': 'operator', 'POST /devices/:id': 'operator', 'GET /devices/:id/edit': 'operator',
  'POST /devices/:id/delete': 'admin', 'POST /devices/:id/test': 'operator', 'POST /devices/:id/accept-host-key': 'admin', 'GET /devices/:id/config': 'viewer', 'GET /devices/:id/row': 'viewer',
  'GET /workflows': 'viewer', 'POST /workflows': 'admin', 'GET /workflows/new': 'admin', 'POST /workflows/validate': 'operator',
  'GET /workflows/:name/edit': 'admin', 'GET /workflows/:name/run': 'operator', 'POST /workflows/:name/run': 'operator',
  'GET /workflows/:name/versions': 'viewer', 'GET /workflows/:name/preview': 'viewer',
  'GET /webhooks': 'viewer', 'POST /webhooks': 'admin', 'GET /webhooks/new': 'admin', 'GET /webhooks/:id': 'viewer', 'POST /webhooks/:id': 'admin',
  'GET /webhooks/:id/edit': 'admin', 'POST /webhooks/:id/delete': 'admin', 'POST /webhooks/:id/deliveries/:deliveryId/redeliver': 'admin', 'POST /webhooks/:id/test': 'admin',
  'GET /credentials': 'operator', 'POST /credentials': 'admin', 'POST /credentials/:name/delete': 'admin',
  'GET /schedules': 'viewer', 'POST /schedules': 'operator', 'GET /schedules/new': 'operator', 'GET /schedules/cron-preview': 'viewer',
  'GET /schedules/form-params': 'operator', 'POST /schedules/:id': 'operator', 'GET /schedules/:id/edit': 'operator',
  'POST /schedules/:id/enable': 'operator', 'POST /schedules/:id/disable': 'operator', 'POST /schedules/:id/delete': 'operator',
  'GET /audit': 'approver', 'GET /audit/:id': 'approver',
  'GET /users': 'admin', 'POST /users': 'admin', 'GET /users/:id': 'admin', 'POST /users/:id/role': 'admin', 'POST /users/:id/disable': 'admin',
  'POST /users/:id/enable': 'admin', 'POST /users/:id/unlock': 'admin', 'POST /users/:id/password': 'admin', 'POST /users/:id/identities': 'admin',
  'POST /users/:id/identities/:identityId/delete': 'admin', 'POST /users/:id/tokens': 'admin', 'POST /users/:id/tokens/:tokenId/revoke': 'admin',
};

/** Routes anyone may call: health, login, assets, the API description, and the chat endpoints (signed instead). */
const PUBLIC = [/^GET \/(healthz|readyz|login)$/, /^POST \/login$/, /^POST \/logout$/, /^GET \/assets\//, /^GET \/api\/docs/, /^GET \/api\/v1\/openapi\.json$/, /^POST \/(slack\/events|discord\/interactions)$/];

/** A record that does not exist for every path parameter: no request here may change anything. */
const concrete = (path: string) => path.replace(/:ref\b/g, '999999').replace(/:[A-Za-z]+/g, 'no-such-record-0');
const rank = (r: Role) => ROLES.indexOf(r);

describe('web and API routes × roles', () => {
  let t: TestApp;
  const api: Partial<Record<Role, string>> = {};
  const web: Partial<Record<Role, WebClient>> = {};
  let routes: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    for (const role of ROLES) {
      api[role] = role === 'admin' ? await createApiToken(t.ctx, 'admin', 'test') : t.tokens[role];
      web[role] = await loggedIn(t, role);
    }
    await t.app.ready();
    routes = registeredRoutes(t.app).filter((r) => !PUBLIC.some((p) => p.test(r)));
  });
  afterAll(async () => t?.close());

  /** Sends the route's request as `who` (undefined: anonymous). */
  const call = async (route: string, who: Role | undefined): Promise<LightMyRequestResponse> => {
    const [method, path] = route.split(' ') as [string, string];
    const url = concrete(path);
    if (path.startsWith('/api/')) {
      const headers: Record<string, string> = who ? { authorization: `Bearer ${api[who]}` } : {};
      const body = method === 'GET' || method === 'DELETE' ? {} : { payload: {} };
      return t.app.inject({ method: method as 'GET', url, headers, ...body });
    }
    const client = who ? web[who]! : new WebClient(t.app);
    return method === 'GET' ? client.get(url) : client.post(url, {});
  };

  it('knows the role of every registered route (a new route must be added to the table)', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !(r in NEEDS))).toEqual([]);
    expect(Object.keys(NEEDS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('turns away anonymous requests: 401 on the API, the login page for pages', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await call(route, undefined);
      const ok = route.includes(' /api/') ? res.statusCode === 401 : res.statusCode === 303 && String(res.headers.location).startsWith('/login');
      if (!ok) wrong.push(`${route} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 below the route\'s role, and lets every role at or above it through (never 401, 403 or 5xx)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const need = NEEDS[route];
      if (!need) continue;
      for (const role of ROLES) {
        const res = await call(route, role);
        checked++;
        const allowed = need === 'object' || rank(role) >= rank(need);
        // The role comes first: below it, 403 even though the body is empty and the record does not exist.
        const ok = res.statusCode < 500 && (allowed ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403);
        if (!ok) wrong.push(`${route} as ${role} (needs ${need}) → ${res.statusCode}`);
      }
    }
    console.log(`[security] ${routes.length} routes × ${ROLES.length} roles: ${checked} requests, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  }, 60_000);

  it('refuses below the role with real records and valid bodies where the use case checks it, and lets users manage their own tokens', async () => {
    const as = (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${api[role]}` }, ...(payload ? { payload } : {}) });
    const hookBody = { name: 'roles-hook', url: 'https://203.0.113.10/hook', events: [] };
    const hook = await as('admin', 'POST', '/webhooks', hookBody);
    expect(hook.statusCode, hook.body).toBe(201);
    const hookId = (hook.json() as { id: string }).id;
    const scheduleBody = { name: 'roles-schedule', workflow: 'show-version', target: 'lab-ios-1', cron: '0 3 * * *', timezone: 'UTC' };
    const schedule = await as('operator', 'POST', '/schedules', scheduleBody);
    expect(schedule.statusCode, schedule.body).toBe(201);
    const scheduleId = (schedule.json() as { id: string }).id;
    const wrong: string[] = [];
    const expectStatus = async (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, want: number, payload?: object) => {
      const res = await as(role, method, url, payload);
      if (res.statusCode !== want) wrong.push(`${method} ${url} as ${role} → ${res.statusCode} (want ${want})`);
    };
    for (const role of ['viewer', 'operator', 'approver'] as const) {
      await expectStatus(role, 'POST', '/webhooks', 403, { ...hookBody, name: `roles-hook-${role}` });
      await expectStatus(role, 'PATCH', `/webhooks/${hookId}`, 403, { active: false });
      await expectStatus(role, 'GET', `/webhooks/${hookId}/deliveries`, 200); // anyone signed in may look
    }
    await expectStatus('viewer', 'POST', '/schedules', 403, { ...scheduleBody, name: 'roles-schedule-viewer' });
    await expectStatus('viewer', 'PATCH', `/schedules/${scheduleId}`, 403, { enabled: false });
    await expectStatus('viewer', 'DELETE', `/schedules/${scheduleId}`, 403);
    // Invalid bodies and unknown records: the role is checked before either is looked at.
    for (const [method, url] of [['POST', '/webhooks'], ['PATCH', `/webhooks/${hookId}`], ['PATCH', '/webhooks/no-such-hook'], ['POST', '/webhooks/no-such-hook/test'],
      ['POST', `/webhooks/${hookId}/deliveries/no-such-delivery/redeliver`], ['POST', '/schedules'], ['PATCH', `/schedules/${scheduleId}`], ['PATCH', '/schedules/no-such-schedule'],
      ['DELETE', '/schedules/no-such-schedule']] as const) {
      await expectStatus('viewer', method, url, 403, method === 'DELETE' ? undefined : { name: 42, url: 'not a url', cron: 'never', enabled: 'maybe' });
    }
    const me = (await as('viewer', 'GET', '/users/me')).json() as { id: string };
    await expectStatus('viewer', 'GET', `/users/${me.id}/tokens`, 200);
    expect(wrong).toEqual([]);
  });
});
