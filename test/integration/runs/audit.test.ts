import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { runCli } from '../../helpers/run-cli.ts';

describe('audit log', () => {
  let t: TestApp;
  const logs = (query: string, token = t.tokens.approver) => t.app.inject({ method: 'GET', url: `/api/v1/logs?${query}`, headers: { authorization: `Bearer ${token}` } });
  beforeAll(async () => {
    t = await createTestApp({ devices: 1 });
  });
  afterAll(async () => t?.close());

  it('records who requested, who approved (and from where) and what changed', async () => {
    const req = await t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: 42 } } });
    const run = req.json();
    await t.app.inject({ method: 'POST', url: `/api/v1/runs/${run.id}/approve`, headers: { authorization: `Bearer ${t.tokens.approver}` }, payload: { comment: 'cab-123' } });
    await waitForRun(t, run.id);
    await new Promise((r) => setTimeout(r, 200)); // audit lines are written by the event fan-out
    const entries = (await logs('type=RUN&per_page=50')).json().items as { action: string; actor_name: string; source: string; object_id: string }[];
    const mine = entries.filter((e) => e.object_id === run.id);
    expect(mine.find((e) => e.action === 'run.requested')).toMatchObject({ actor_name: 'operator', source: 'api' });
    expect(mine.find((e) => e.action === 'run.approved')).toMatchObject({ actor_name: 'approver', source: 'api' });
    expect(mine.find((e) => e.action === 'run.completed')).toBeDefined();
    expect(entries.some((e) => e.action === 'device.config_changed')).toBe(true);
  });

  it('redacts secrets from credential changes and is closed to operators', async () => {
    await runCli(['credential', 'add', 'edge', '--username', 'ops', '--password-stdin'], t.env, 'Sup3rSecretPw\n');
    const res = await logs('object_type=credential');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ action: 'credential.created', source: 'cli' });
    expect(JSON.stringify(res.json())).not.toContain('Sup3rSecretPw');
    const forbidden = await logs('', t.tokens.operator);
    expect(forbidden.statusCode).toBe(403);
    const bad = await logs('since=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('since');
  });
});
