import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun } from '../../../src/core/approvals/decide-approval.ts';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';

/**
 * pg 8.19+ warns (DeprecationWarning, once per process) and pg 9 will fail when client.query() is called while
 * the same client still has a query queued: exactly when Prisma's query interpreter runs an `include`'s
 * relation reads with Promise.all inside a transaction (one pooled client). This records every such call,
 * with the condition pg itself checks, through a full run on PostgreSQL.
 */
type Queued = pg.Client & { _queryQueue: unknown[]; pipeline?: boolean };
const overlaps: string[] = [];
const original = pg.Client.prototype.query;

describe.skipIf(!process.env.TEST_POSTGRES_URL)('PostgreSQL: one query at a time on each pg client', () => {
  let t: TestApp;

  beforeAll(async () => {
    pg.Client.prototype.query = function (this: Queued, ...args: unknown[]) {
      if (this._queryQueue.length > 0 && !this.pipeline) {
        const first = args[0] as string | { text?: string };
        overlaps.push((typeof first === 'string' ? first : (first?.text ?? '')).slice(0, 120));
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    t = await createTestApp({ provider: 'postgresql', devices: 1 });
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await t?.close();
  });

  it('saves workflows, requests, approves and runs a change without overlapping queries on a client', async () => {
    const yaml = `name: overlap-check\nplatforms: [cisco_ios]\napproval: required\nstages:\n  implementation:\n    - mode: config\n      commands: [ 'interface Loopback55' ]\n`;
    await importWorkflow(t.ctx, yaml, 'test');
    await importWorkflow(t.ctx, yaml.replace('Loopback55', 'Loopback56'), 'test');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow: 'overlap-check', target: 'lab-ios-1' } });
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as { id: string }).id;
    await approveRun(t.ctx.approvalDeps, { id }, { id: null, name: 'approver', role: 'approver' });
    expect(await waitForRun(t, id)).toBe('succeeded');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/runs/${id}`, headers: { authorization: `Bearer ${t.tokens.operator}` } })).statusCode).toBe(200);
    expect(overlaps).toEqual([]);
  }, 60_000);
});
