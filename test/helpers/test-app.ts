import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load-config.ts';
import { startLab, type Lab } from '../../src/lab/index.ts';
import { createAppContext, type AppContext } from '../../src/main/app-context.ts';
import { createApiToken, importWorkflow } from '../../src/main/commands/admin-commands.ts';
import { SEED_WORKFLOWS_DIR } from '../../src/main/demo-seed.ts';
import { createLogger } from '../../src/main/logger.ts';
import { startServices, type Services } from '../../src/main/start-services.ts';
import { withTimeout } from '../../src/queue/with-timeout.ts';
import { createTestDatabase } from './test-db.ts';

export interface TestApp {
  ctx: AppContext;
  app: FastifyInstance;
  lab: Lab;
  services: Services;
  /** Bearer tokens by user name: operator (requests), approver, viewer. */
  tokens: Record<'operator' | 'approver' | 'viewer', string>;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real product on real parts: a fresh database (SQLite or PostgreSQL), Redis with its own prefix,
 * a lab of simulated devices, the seeded example workflows, and the worker running in-process.
 */
export async function createTestApp(opts: { provider?: 'sqlite' | 'postgresql'; devices?: number; worker?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase(opts.provider ?? 'sqlite');
  const dataDir = mkdtempSync(join(tmpdir(), 'netops-test-'));
  const env: Record<string, string> = {
    DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    NETOPS_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests poll the API far faster than people do; the rate-limit test sets its own limit.
    API_RATE_LIMIT_PER_MINUTE: '0',
    SSH_CONNECT_TIMEOUT_MS: '3000', SSH_COMMAND_TIMEOUT_MS: '4000', SSH_IDLE_TIMEOUT_MS: '2000', PORT: '0', NODE_ENV: 'test',
    ...opts.env,
  };
  const config = loadConfig(env);
  const ctx = await createAppContext(config, createLogger(config.LOG_LEVEL));
  const lab = await startLab({ count: opts.devices ?? 3 });
  await ctx.credentials.upsert({ name: 'lab', username: lab.devices[0]!.username, password: lab.devices[0]!.password, enableSecret: lab.devices[0]!.enableSecret });
  for (const d of lab.devices) {
    await ctx.devices.upsert({ name: d.name, host: d.host, port: d.port, platform: d.platform, credentialName: 'lab', site: 'lab', tags: ['lab'] });
  }
  for (const f of readdirSync(SEED_WORKFLOWS_DIR).filter((x) => x.endsWith('.yaml'))) {
    await importWorkflow(ctx, readFileSync(new URL(f, SEED_WORKFLOWS_DIR), 'utf8'), 'test');
  }
  for (const [name, role] of [['operator', 'operator'], ['approver', 'approver'], ['viewer', 'viewer']] as const) {
    await ctx.users.create({ name, role });
  }
  const tokens = {
    operator: await createApiToken(ctx, 'operator', 'test'),
    approver: await createApiToken(ctx, 'approver', 'test'),
    viewer: await createApiToken(ctx, 'viewer', 'test'),
  };
  const services = await startServices(ctx, { web: false, worker: opts.worker ?? true });
  const { buildApp } = await import('../../src/web/app.ts');
  const app = await buildApp(ctx);
  return {
    ctx, app, lab, services, tokens, env,
    async close() {
      await app.close();
      await services.stop();
      await lab.close();
      // Bounded: a test that points REDIS_URL at a dead port must still clean up.
      const wipe = (q: { obliterate(o: { force: boolean }): Promise<void> }) => withTimeout(q.obliterate({ force: true }), 3000, 'QUEUE_UNAVAILABLE', 'obliterate').catch(() => undefined);
      await wipe(ctx.queue.runs);
      await wipe(ctx.queue.executions);
      await wipe(ctx.queue.approvals);
      await ctx.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until the run reaches a final status (the worker runs in-process). */
export async function waitForRun(t: TestApp, runId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const finals = ['succeeded', 'failed', 'partially_failed', 'cancelled', 'rejected', 'expired'];
  for (;;) {
    const run = await t.ctx.runs.get({ id: runId });
    if (run && finals.includes(run.status)) return run.status;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
