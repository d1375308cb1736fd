import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { testProviders } from '../../helpers/test-db.ts';

const TRACER = fileURLToPath(new URL('./fixtures/loaded-modules.mjs', import.meta.url));

/** Runs `netops worker` until it has executed one run, stops it, and returns every module it loaded. */
async function modulesOfAWorker(t: TestApp, file: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', TRACER, 'bin/netops.js', 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...t.env, LOG_LEVEL: 'silent', LOADED_MODULES_FILE: file },
    stdio: 'ignore',
  });
  try {
    const { run } = await requestRun(t.ctx.requestDeps, {
      workflow: 'show-version', target: 'lab-ios-1', params: {}, source: 'api', requester: { id: null, name: 'test', role: 'admin' },
    });
    expect(await waitForRun(t, run.id, 30_000)).toBe('succeeded');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  return readFileSync(file, 'utf8').split('\n');
}

describe.each(testProviders)('netops worker loads what a worker needs only (%s)', (provider) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'netops-modules-'));
  const [own, other] = provider === 'sqlite' ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
  beforeAll(async () => {
    t = await createTestApp({ provider, devices: 1, worker: false });
  });
  afterAll(async () => t?.close());

  it('runs a workflow without the web stack, the chat SDKs, the lab or the other database\'s client and driver', async () => {
    const loaded = await modulesOfAWorker(t, join(dir, 'modules.txt'));
    const any = (pattern: RegExp) => loaded.filter((m) => pattern.test(m));
    // What it does need (and proof that the tracer saw the modules).
    expect(any(/\/src\/runner\/execution-processor\.ts$/)).toHaveLength(1);
    expect(any(new RegExp(`/src/generated/${own}/client\\.ts$`))).toHaveLength(1);
    expect(any(/\/node_modules\/ssh2\//).length).toBeGreaterThan(0);
    expect(any(/\/node_modules\/bullmq\//).length).toBeGreaterThan(0);
    // What it does not (Slack and Discord are not configured here).
    expect(any(/\/node_modules\/(fastify|@fastify\/[^/]+|@slack\/[^/]+|discord\.js|@discordjs\/[^/]+|handlebars)\//)).toEqual([]);
    const otherDriver = provider === 'sqlite' ? /\/node_modules\/(@prisma\/adapter-pg|pg)\// : /\/node_modules\/(@prisma\/adapter-better-sqlite3|better-sqlite3)\//;
    expect(any(otherDriver)).toEqual([]);
    expect(any(new RegExp(`/src/(lab|generated/${other})/`))).toEqual([]);
    // Two small leaf modules only: API token hashing (the CLI's `token create`) and whether Slack is configured.
    const leaves = ['/src/web/plugins/api-auth.ts', '/src/chat/slack/slack-settings.ts'];
    expect(any(/\/src\/(web|chat)\//).filter((m) => !leaves.some((leaf) => m.endsWith(leaf)))).toEqual([]);
  });
});
