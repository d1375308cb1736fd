import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { apiClient, createAdmin } from './api-client.ts';

const scratch = `name: scratch
platforms: [cisco_ios]
stages:
  implementation:
    - command: show clock
`;

describe('workflows through the API', () => {
  let t: TestApp;
  let admin: string;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    call = apiClient(t);
    admin = await createAdmin(t);
    await t.ctx.devices.upsert({ name: 'box-1', host: '10.0.0.9', platform: 'linux' });
  });
  afterAll(async () => t?.close());

  it('lists with pagination and shows one workflow with its definition and YAML, by name or id', async () => {
    const list = (await call('GET', '/workflows?per_page=2', t.tokens.viewer)).json();
    expect(list).toMatchObject({ page: 1, per_page: 2, has_previous: false });
    expect(list.total).toBeGreaterThan(2);
    expect(list.has_next).toBe(true);
    expect(list.items[0]).toHaveProperty('updated_at');
    const wf = (await call('GET', '/workflows/add-loopback', t.tokens.viewer)).json();
    expect(wf).toMatchObject({ name: 'add-loopback', status: 'active', version: 1, approval: 'required', platforms: ['cisco_ios'], allow_destructive: false });
    expect(wf.definition.params.number).toMatchObject({ type: 'integer', required: true });
    expect(wf.yaml).toContain('interface Loopback{{number}}');
    expect((await call('GET', `/workflows/${wf.id}`, t.tokens.viewer)).json().name).toBe('add-loopback');
    expect((await call('GET', '/workflows/nope', t.tokens.viewer)).json().error.code).toBe('WORKFLOW_NOT_FOUND');
    const versions = (await call('GET', '/workflows/add-loopback/versions', t.tokens.viewer)).json();
    expect(versions).toMatchObject({ total: 1, has_next: false, items: [{ version: 1, created_by: 'test' }] });
  });

  it('dry-runs: renders the commands per stage for a device and params, contacting nothing', async () => {
    const res = await call('POST', '/workflows/add-loopback/dry-run', t.tokens.viewer, { device: 'lab-ios-1', params: { number: 42 } });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ workflow: 'add-loopback', version: 1, device: 'lab-ios-1', platform: 'cisco_ios', params: { number: 42, description: 'created-by-netops' } });
    expect(preview.stages.implementation).toEqual([{ mode: 'config', commands: ['interface Loopback42', 'description created-by-netops'] }]);
    expect(preview.stages.pre_check[0]).toMatchObject({ mode: 'exec', command: 'show ip interface brief', expect: { not_regex: '^Loopback42\\s' } });
    expect(preview.stages.rollback[0].commands).toEqual(['no interface Loopback42']);
    expect(t.lab.device('lab-ios-1').commandLog).toEqual([]);

    const cases: [object, number, string, string][] = [
      [{ device: 'lab-ios-1', params: { number: 'x' } }, 400, 'PARAM_INVALID', 'number'],
      [{ device: 'lab-ios-1', params: { number: '1\nreload' } }, 400, 'PARAM_INVALID', 'number'],
      [{ device: 'lab-ios-1', params: {} }, 400, 'PARAM_MISSING', 'number'],
      [{ device: 'lab-ios-1', params: { number: 1, colour: 'red' } }, 400, 'PARAM_UNKNOWN', 'colour'],
      [{ device: 'ghost', params: { number: 1 } }, 404, 'DEVICE_NOT_FOUND', 'device'],
      [{ device: 'box-1', params: { number: 1 } }, 422, 'PLATFORM_NOT_SUPPORTED', 'device'],
      [{ params: { number: 1 } }, 400, 'VALIDATION_FAILED', 'device'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await call('POST', '/workflows/add-loopback/dry-run', t.tokens.viewer, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().error.code, JSON.stringify(body)).toBe(code);
      expect(JSON.stringify(r.json().error), JSON.stringify(body)).toContain(field);
    }
  });

  it('lets admins change the status; only active workflows run, any status previews', async () => {
    expect((await call('PATCH', '/workflows/show-version', t.tokens.approver, { status: 'draft' })).statusCode).toBe(403);
    const draft = await call('PATCH', '/workflows/show-version', admin, { status: 'draft' });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ name: 'show-version', status: 'draft' });
    const run = await call('POST', '/runs', t.tokens.operator, { workflow: 'show-version', target: 'lab-ios-1' });
    expect(run.statusCode).toBe(422);
    expect(run.json().error.code).toBe('WORKFLOW_NOT_ACTIVE');
    expect((await call('POST', '/workflows/show-version/dry-run', t.tokens.viewer, { device: 'lab-ios-1' })).statusCode).toBe(200);
    expect((await call('PATCH', '/workflows/show-version', admin, { status: 'paused' })).json().error.details.issues[0].field).toBe('status');
    expect((await call('PATCH', '/workflows/show-version', admin, { status: 'active' })).json().status).toBe('active');
    const log = (await call('GET', '/logs?type=WORKFLOW', admin)).json().items as { action: string; source: string }[];
    expect(log.filter((e) => e.action === 'workflow.status_changed' && e.source === 'api')).toHaveLength(2);
  });

  it('deletes a workflow nothing refers to, archives one with runs, refuses one with schedules', async () => {
    expect((await call('POST', '/workflows', t.tokens.approver, { yaml: scratch })).statusCode).toBe(201);
    expect((await call('DELETE', '/workflows/scratch', t.tokens.approver)).statusCode).toBe(403);
    const deleted = await call('DELETE', '/workflows/scratch', admin);
    expect(deleted.json()).toMatchObject({ name: 'scratch', outcome: 'deleted' });
    expect((await call('GET', '/workflows/scratch', admin)).statusCode).toBe(404);

    expect((await call('POST', '/runs', t.tokens.operator, { workflow: 'show-version', target: 'lab-ios-1', dry_run: true })).statusCode).toBe(202);
    const archived = await call('DELETE', '/workflows/show-version', admin);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ outcome: 'archived' });
    expect((await call('GET', '/workflows/show-version', admin)).json().status).toBe('archived');

    const schedule = await call('POST', '/schedules', t.tokens.approver, { name: 'nightly', workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 5 }, cron: '0 3 * * *' });
    expect(schedule.statusCode).toBe(201);
    const refused = await call('DELETE', '/workflows/add-loopback', admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.schedules).toEqual(['nightly']);
  });
});
