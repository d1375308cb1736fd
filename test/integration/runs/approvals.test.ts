import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireApproval } from '../../../src/core/approvals/decide-approval.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';

describe.each(testProviders)('approvals and cancel through the API on %s', (provider) => {
  let t: TestApp;
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const requestLoopback = async (n: number) => (await call('POST', '/api/v1/runs', t.tokens.operator, { workflow: 'add-loopback', target: 'lab-ios-1', params: { number: n } })).json();

  beforeAll(async () => {
    t = await createTestApp({ provider, devices: 1 });
  });
  afterAll(async () => t?.close());

  it('fifty simultaneous approvals produce exactly one transition and one approver', async () => {
    const run = await requestLoopback(200);
    const results = await Promise.all(Array.from({ length: 50 }, () => call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.approver, { comment: 'ok' })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 422)).toHaveLength(49);
    expect(results.find((r) => r.statusCode === 422)!.json().error.message).toContain('approver');
    expect(await waitForRun(t, run.id)).toBe('succeeded');
    const executions = await t.ctx.runs.executions(run.id);
    expect(executions).toHaveLength(1);
    // the change went to the device once
    expect(t.lab.device('lab-ios-1').commandLog.filter((c) => c === 'interface Loopback200')).toHaveLength(1);
  });

  it('refuses self-approval and approval by a lower role, naming the rule', async () => {
    const run = await requestLoopback(201);
    const self = await call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.operator);
    expect(self.statusCode).toBe(403);
    expect(['FORBIDDEN', 'SELF_APPROVAL_FORBIDDEN']).toContain(self.json().error.code);
    const viewer = await call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.viewer);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.message).toContain('approver');
    const rejected = await call('POST', `/api/v1/runs/${run.id}/reject`, t.tokens.approver, { reason: 'not in a change window' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', approval: { decided_by: 'approver', comment: 'not in a change window' } });
    const again = await call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.approver);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toContain('rejected by approver');
    expect((await t.ctx.runs.executions(run.id))[0]?.status).toBe('cancelled');
  });

  it('expires an approval that nobody gave in time', async () => {
    const run = await requestLoopback(202);
    await t.ctx.db.prisma.run.update({ where: { id: run.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.approver);
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toContain('expired');
    expect((await t.ctx.runs.get({ id: run.id }))?.status).toBe('expired');
    expect(await expireApproval(t.ctx.approvalDeps, run.id)).toBe(false); // the delayed job arriving later is a no-op
  });

  it('cancels a pending run; a second cancel is refused with its state', async () => {
    const run = await requestLoopback(203);
    const res = await call('POST', `/api/v1/runs/${run.number}/cancel`, t.tokens.operator);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const again = await call('POST', `/api/v1/runs/${run.number}/cancel`, t.tokens.operator);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('INVALID_STATE');
  });

  it('serves the config diff of a run', async () => {
    const run = await requestLoopback(204);
    await call('POST', `/api/v1/runs/${run.id}/approve`, t.tokens.approver);
    await waitForRun(t, run.id);
    const diff = (await call('GET', `/api/v1/runs/${run.id}/diff`, t.tokens.viewer)).json();
    expect(diff.diffs[0].device).toBe('lab-ios-1');
    expect(diff.diffs[0].diff).toContain('+interface Loopback204');
  });
});
