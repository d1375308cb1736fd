import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const wf = (extra = '') => `name: save-config
platforms: [cisco_ios]
stages:
  implementation:
    - command: show clock
${extra}`;

describe('workflows through the API', () => {
  let t: TestApp;
  let admin: string;
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await t.ctx.users.create({ name: 'root', role: 'admin' });
    admin = await createApiToken(t.ctx, 'root', 'test');
  });
  afterAll(async () => t?.close());

  it('saves versions (approvers and up), lists them and diffs any two', async () => {
    expect((await call('POST', '/api/v1/workflows', t.tokens.operator, { yaml: wf() })).statusCode).toBe(403);
    const v1 = await call('POST', '/api/v1/workflows', t.tokens.approver, { yaml: wf() });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ name: 'save-config', version: 1, created: true });
    const v2 = await call('POST', '/api/v1/workflows', t.tokens.approver, { yaml: wf('    - command: show users\n') });
    expect(v2.json()).toMatchObject({ version: 2, changed: true });
    const same = await call('POST', '/api/v1/workflows', t.tokens.approver, { yaml: wf('    - command: show users\n') });
    expect(same.json()).toMatchObject({ version: 2, changed: false });
    const versions = (await call('GET', '/api/v1/workflows/save-config/versions', t.tokens.viewer)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = (await call('GET', '/api/v1/workflows/save-config/diff?from=1&to=2', t.tokens.viewer)).json();
    expect(diff.diff).toContain('+    - command: show users');
    const missing = await call('GET', '/api/v1/workflows/save-config/diff?from=1&to=9', t.tokens.viewer);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.details.field).toBe('to');
  });

  it('refuses destructive commands unless an admin allows them, and audits the allowance', async () => {
    const risky = wf('    - command: reload in 5\n');
    const refused = await call('POST', '/api/v1/workflows', t.tokens.approver, { yaml: risky, allow_destructive: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'WORKFLOW_INVALID' });
    expect(refused.json().error.message).toContain('reload in 5');
    expect((await call('POST', '/api/v1/workflows', admin, { yaml: risky })).statusCode).toBe(400);
    const allowed = await call('POST', '/api/v1/workflows', admin, { yaml: risky, allow_destructive: true });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().destructive[0]).toMatchObject({ command: 'reload in 5' });
    const log = (await call('GET', '/api/v1/logs?type=WORKFLOW&level=WARNING', admin)).json();
    expect(log.items[0]).toMatchObject({ action: 'workflow.updated', actor_name: 'root', source: 'api' });
  });

  it('validates YAML without saving, with line and field', async () => {
    const res = (await call('POST', '/api/v1/workflows/validate', t.tokens.operator, { yaml: 'name: x\nplatforms: [cisco_ios]\nstages:\n  implementation:\n    - command: show {{nope}}\n' })).json();
    expect(res.valid).toBe(false);
    expect(JSON.stringify(res.issues)).toContain('nope');
  });
});
