import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { requestRun } from '../../../src/core/runs/request-run.ts';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { createAppContext, type AppContext } from '../../../src/main/app-context.ts';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { startServices, type Services } from '../../../src/main/start-services.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';
import { generateParsableEd25519 } from '../../helpers/ssh-key-pair.ts';

const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const ENABLE = `en-${randomBytes(6).toString('hex')}`;
const PASSPHRASE = `pp-${randomBytes(6).toString('hex')}`;
const SECRETS = [PASSWORD, ENABLE, PASSPHRASE];
const KEY = generateParsableEd25519({ passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 4 });
/** A banner that leaks every secret: it ends up in the PROMPT_NOT_DETECTED excerpt. */
const LEAKY_BANNER = `temporary credentials: ${PASSWORD} / ${ENABLE} / ${PASSPHRASE}`;

const WORKFLOW = `
name: leak-check
description: reads and changes a device whose output carries every configured secret
platforms: [cisco_ios]
approval: none
stages:
  pre_check:
    - command: show running-config
    - command: show interfaces Loopback0
      expect: { contains: 'Loopback0 is up' }
  implementation:
    - mode: config
      commands: [ 'interface Loopback100', 'description leak-check' ]
  post_check:
    - command: show running-config interface Loopback100
      expect: { contains: 'description leak-check' }
  rollback:
    - mode: config
      commands: [ 'no interface Loopback100' ]
`;

/** Every stored string a secret could reach: the database files, every Redis value under our prefix, the logs. */
async function everythingStored(ctx: AppContext, db: TestDatabase, logs: string[]): Promise<Record<string, string>> {
  const files = [db.file!, `${db.file!}-wal`].filter((f) => existsSync(f));
  const redis: string[] = [];
  for (const key of await ctx.redis.keys(`${ctx.config.REDIS_PREFIX}*`)) {
    const type = await ctx.redis.type(key);
    if (type === 'string') redis.push((await ctx.redis.get(key)) ?? '');
    else if (type === 'hash') redis.push(JSON.stringify(await ctx.redis.hgetall(key)));
    else if (type === 'list') redis.push(JSON.stringify(await ctx.redis.lrange(key, 0, -1)));
    else if (type === 'set') redis.push(JSON.stringify(await ctx.redis.smembers(key)));
    else if (type === 'zset') redis.push(JSON.stringify(await ctx.redis.zrange(key, 0, -1)));
    else if (type === 'stream') redis.push(JSON.stringify(await ctx.redis.xrange(key, '-', '+')));
  }
  return {
    database: files.map((f) => readFileSync(f).toString('latin1')).join('\n'),
    redis: redis.join('\n'),
    logs: logs.join(''),
  };
}

describe('secrets never reach stored output, errors or logs', () => {
  let db: TestDatabase;
  let ctx: AppContext;
  let services: Services;
  let lab: Lab;
  let silentLab: Lab;
  const logs: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'netops-leak-'));

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const config = loadConfig({
      DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `leak${randomBytes(4).toString('hex')}`,
      NETOPS_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: 'trace',
      SSH_CONNECT_TIMEOUT_MS: '3000', SSH_COMMAND_TIMEOUT_MS: '4000', SSH_IDLE_TIMEOUT_MS: '1000', PORT: '0', NODE_ENV: 'test',
    });
    // No redaction here: the test must see anything a log call would carry.
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { logs.push(chunk.toString()); done(); } });
    ctx = await createAppContext(config, pino({ level: 'trace' }, sink));
    const labOptions = { password: PASSWORD, enableSecret: ENABLE, authorizedKeys: [KEY.public] };
    // The device accepts only the key (password and passphrase are both configured), echoes the enable
    // secret, prints clear-text passwords in its config, and someone stored the passphrase in a description.
    lab = await startLab({ count: 1, authMethods: ['publickey', 'password'], ...labOptions });
    const device = lab.devices[0]!;
    device.setFault({ kind: 'echoSecrets' });
    const loopback = device.state.interfaces.get('Loopback0') as { description: string | null };
    loopback.description = `key passphrase ${PASSPHRASE}`;
    // A second device whose prompt cannot be recognised and whose banner prints the secrets.
    silentLab = await startLab({ count: 1, namePrefix: 'odd host ', banner: LEAKY_BANNER, ...labOptions });
    await ctx.credentials.upsert({ name: 'leaky', username: device.username, password: PASSWORD, enableSecret: ENABLE, privateKey: KEY.private, passphrase: PASSPHRASE });
    await ctx.devices.upsert({ name: 'core-1', host: device.host, port: device.port, platform: 'cisco_ios', credentialName: 'leaky', tags: ['leak'] });
    const odd = silentLab.devices[0]!;
    await ctx.devices.upsert({ name: 'odd-1', host: odd.host, port: odd.port, platform: 'cisco_ios', credentialName: 'leaky', tags: ['leak'] });
    await importWorkflow(ctx, WORKFLOW, 'test');
    services = await startServices(ctx, { web: false, worker: true });
  });

  afterAll(async () => {
    await services?.stop();
    await lab?.close();
    await silentLab?.close();
    await ctx?.queue.runs.obliterate({ force: true }).catch(() => undefined);
    await ctx?.queue.executions.obliterate({ force: true }).catch(() => undefined);
    await ctx?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a full run (snapshots, command results, a failed execution, events, audit, logs) stores no secret', async () => {
    const requester = { id: null, name: 'leak-test', role: 'admin' as const };
    const { run } = await requestRun(ctx.requestDeps, { workflow: 'leak-check', target: 'tag:leak', params: {}, source: 'cli', requester });
    const deadline = Date.now() + 25_000;
    let status = '';
    while (!['succeeded', 'failed', 'partially_failed'].includes(status)) {
      if (Date.now() > deadline) throw new Error(`run still ${status}`);
      await new Promise((r) => setTimeout(r, 100));
      status = (await ctx.runs.get({ id: run.id }))?.status ?? '';
    }
    expect(status).toBe('partially_failed');
    const executions = await ctx.db.prisma.execution.findMany({ where: { runId: run.id }, include: { device: true } });
    const failed = executions.find((e) => e.device?.name === 'odd-1');
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'PROMPT_NOT_DETECTED' });
    // The device output really carried the secrets: they are there, masked.
    expect(failed?.error).toContain('temporary credentials: ******** / ******** / ********');
    const snapshots = await ctx.runs.snapshots(executions.find((e) => e.device?.name === 'core-1')?.id ?? '');
    expect(snapshots.map((s) => s.kind).sort()).toEqual(['after', 'before']);
    expect(snapshots[0]?.content).toMatch(/^enable password (?:\*{8}|<masked>)$/m);
    expect(snapshots[0]?.content).toContain(' description key passphrase ********');
    const results = await ctx.db.prisma.commandResult.findMany({ where: { executionId: { in: executions.map((e) => e.id) } } });
    const shown = results.find((r) => r.command === 'show running-config')?.output ?? '';
    // Configured secrets are masked as ********; a stored command output also masks every config secret as <masked>.
    expect(shown).toMatch(/^enable password (?:\*{8}|<masked>)$/m);
    expect(shown).toMatch(new RegExp(`^username ${lab.devices[0]!.username} privilege 15 password 0 (?:\\*{8}|<masked>)$`, 'm'));
    expect(lab.devices[0]!.commandLog).toContain('description leak-check');

    const stored = await everythingStored(ctx, db, logs);
    expect(stored.database?.length).toBeGreaterThan(10_000);
    expect(stored.logs).toContain('"level":');
    for (const [where, text] of Object.entries(stored)) {
      for (const secret of SECRETS) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    }
  });

  it('returned outputs and thrown errors of the session carry no secret', async () => {
    const connector = new SshConnector();
    const device = lab.devices[0]!;
    const secrets = { username: device.username, password: PASSWORD, enableSecret: ENABLE, privateKey: KEY.private, passphrase: PASSPHRASE };
    const seen: unknown[] = [];
    const session = await connector.connect(endpointOf(device, { secrets }), TIMEOUTS);
    seen.push(await session.run('show running-config'), await session.run(`show interfaces Loopback0`), await session.run(`show ${PASSWORD}`));
    seen.push(await session.runConfig([`description ${PASSPHRASE}`, 'exit']));
    await session.close();
    const odd = silentLab.devices[0]!;
    seen.push(await connector.connect(endpointOf(odd, { secrets }), { ...TIMEOUTS, idleMs: 300 }).catch((e: unknown) => e));
    seen.push(await connector.connect(endpointOf(device, { secrets: { ...secrets, enableSecret: `${ENABLE}-wrong` } }), TIMEOUTS).catch((e: unknown) => e));
    const text = seen.map((s) => (s instanceof Error ? `${s.message}\n${s.stack ?? ''}\n${JSON.stringify(s)}` : JSON.stringify(s))).join('\n');
    expect(text).toContain('PROMPT_NOT_DETECTED');
    expect(text).toContain('ENABLE_FAILED');
    expect(text).toContain('password 0 ********');
    for (const secret of SECRETS) expect(text.includes(secret), secret).toBe(false);
  });
});
