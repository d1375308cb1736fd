import { createApiToken } from '../../../src/main/commands/admin-commands.ts';
import type { TestApp } from '../../helpers/test-app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** inject() with a bearer token; `payload` as JSON unless a content type says otherwise. */
export function apiClient(t: TestApp) {
  return (method: Method, url: string, token: string | null, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method, url: `/api/v1${url}`,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string | object }),
    });
}

/** An admin user and its token (the test app seeds operator, approver and viewer only). */
export async function createAdmin(t: TestApp, name = 'root'): Promise<string> {
  await t.ctx.users.create({ name, role: 'admin' });
  return createApiToken(t.ctx, name, 'test');
}
