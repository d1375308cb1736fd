import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { startLab, type Lab } from '../../src/lab/index.ts';
import { createAppContext, type AppContext } from '../../src/main/app-context.ts';
import { createApiToken, importWorkflow } from '../../src/main/commands/admin-commands.ts';
import { startServices, type Services } from '../../src/main/start-services.ts';
import { QueueNames } from '../../src/queue/queue-names.ts';
import { buildApp } from '../../src/web/app.ts';
import { FakeSlackApi } from '../integration/slack/helpers/fake-slack-api.ts';
import { postToSlackEndpoint, slashCommand } from '../integration/slack/helpers/slack-requests.ts';
import { generateParsableEd25519 } from '../helpers/ssh-key-pair.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const tag = (what: string) => `${what}-${randomBytes(8).toString('hex')}`;
const PASSWORD = tag('pw');
const ENABLE = tag('en');
const PASSPHRASE = tag('pp');
const SLACK_SECRET = tag('slack-signing');
const BOT_TOKEN = `xoxb-${tag('bot')}`;
const WEBHOOK_SECRET = `whsec_${tag('hook')}`;
const SECRET_KEY = randomBytes(32).toString('base64');
/** core-1's own local user password: in its config, in clear, but in no credential NetOps was given. */
const DEVICE_LOCAL_PASSWORD = tag('local');
const KEY = generateParsableEd25519({ passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 4 });
/** A line from the middle of the encrypted private key: the key itself must not leak either. */
const KEY_LINE = KEY.private.split('\n')[3]!;
const SECRETS: Record<string, string> = {
  'device password': PASSWORD, 'enable secret': ENABLE, 'key passphrase': PASSPHRASE, 'private key': KEY_LINE,
  'Slack signing secret': SLACK_SECRET, 'Slack bot token': BOT_TOKEN, 'webhook secret': WEBHOOK_SECRET, NETOPS_SECRET_KEY: SECRET_KEY,
};

const WORKFLOW = `
name: secret-check
description: enable, read the config, change it and read it again on devices whose output echoes secrets
platforms: [cisco_ios]
approval: none
stages:
  pre_check:
    # Checks see the output as the device printed it: stored outputs are masked only afterwards.
    - command: show running-config
      expect: { not_contains: '<masked>' }
  implementation:
    - mode: config
      commands: [ 'interface Loopback321', 'description secret-check' ]
  post_check:
    - command: show running-config interface Loopback321
      expect: { contains: 'description secret-check' }
  rollback:
    - mode: config
      commands: [ 'no interface Loopback321' ]
`;

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : Buffer.isBuffer(x) ? x.toString('latin1') : x));

/** Every row of every table, as a raw SQL dump would show it. */
async function databaseDump(ctx: AppContext): Promise<string> {
  const tables = await ctx.db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const out: string[] = [];
  for (const { name } of tables) out.push(`-- ${name}\n${json(await ctx.db.prisma.$queryRawUnsafe(`SELECT * FROM "${name}"`))}`);
  return out.join('\n');
}

async function redisDump(ctx: AppContext): Promise<string> {
  const out: string[] = [];
  for (const key of await ctx.redis.keys(`${ctx.config.REDIS_PREFIX}*`)) {
    const type = await ctx.redis.type(key);
    if (type === 'string') out.push((await ctx.redis.get(key)) ?? '');
    else if (type === 'hash') out.push(json(await ctx.redis.hgetall(key)));
    else if (type === 'list') out.push(json(await ctx.redis.lrange(key, 0, -1)));
    else if (type === 'set') out.push(json(await ctx.redis.smembers(key)));
    else if (type === 'zset') out.push(json(await ctx.redis.zrange(key, 0, -1)));
    else if (type === 'stream') out.push(json(await ctx.redis.xrange(key, '-', '+')));
  }
  return out.join('\n');
}

describe('secrets after a full run: database, logs, Redis, API answers, chat posts, webhook payloads', () => {
  let db: TestDatabase;
  let ctx: AppContext;
  let services: Services;
  let app: FastifyInstance;
  let url = '';
  let lab: Lab;
  let keyedLab: Lab;
  let receiver: Server;
  const received: string[] = [];
  const logs: string[] = [];
  const slack = new FakeSlackApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'netops-secrets-'));
  let stored: Record<string, string> = {};

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    slack.install();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => { received.push(`${json(req.headers)}\n${body}`); res.writeHead(200).end('ok'); });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase('sqlite');
    const config = loadConfig({
      DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `sec${randomBytes(4).toString('hex')}`,
      NETOPS_SECRET_KEY: SECRET_KEY, DATA_DIR: dataDir, LOG_LEVEL: 'trace', PORT: '0', NODE_ENV: 'test',
      SSH_CONNECT_TIMEOUT_MS: '3000', SSH_COMMAND_TIMEOUT_MS: '4000', SSH_IDLE_TIMEOUT_MS: '2000',
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl, BASE_URL: 'https://netops.example.com',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_BASE_MS: '100',
    });
    // Everything any log call carries, at trace level, unredacted by the test.
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { logs.push(chunk.toString()); done(); } });
    ctx = await createAppContext(config, pino({ level: 'trace' }, sink));
    // core-1 takes only the key (with its passphrase); core-2 the password. Both echo the enable secret as typed
    // and show clear-text passwords in their config (the echoSecrets fault).
    keyedLab = await startLab({ count: 1, namePrefix: 'keyed-', authMethods: ['publickey'], password: DEVICE_LOCAL_PASSWORD, enableSecret: ENABLE, authorizedKeys: [KEY.public] });
    lab = await startLab({ count: 1, authMethods: ['password'], password: PASSWORD, enableSecret: ENABLE });
    const [core1, core2] = [keyedLab.devices[0]!, lab.devices[0]!];
    for (const d of [core1, core2]) d.setFault({ kind: 'echoSecrets' });
    await ctx.credentials.upsert({ name: 'keyed', username: core1.username, privateKey: KEY.private, passphrase: PASSPHRASE, enableSecret: ENABLE });
    await ctx.credentials.upsert({ name: 'password', username: core2.username, password: PASSWORD, enableSecret: ENABLE });
    await ctx.devices.upsert({ name: 'core-1', host: core1.host, port: core1.port, platform: 'cisco_ios', credentialName: 'keyed', tags: ['sec'] });
    await ctx.devices.upsert({ name: 'core-2', host: core2.host, port: core2.port, platform: 'cisco_ios', credentialName: 'password', tags: ['sec'] });
    await importWorkflow(ctx, WORKFLOW, 'test');
    await ctx.users.create({ name: 'alice', role: 'operator', slackId: 'UALICE' });
    await ctx.users.create({ name: 'root', role: 'admin' });
    services = await startServices(ctx, { web: false, worker: true });
    app = await buildApp(ctx, services.chat);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await services?.stop();
    await lab?.close();
    await keyedLab?.close();
    for (const q of [ctx?.queue.runs, ctx?.queue.executions, ctx?.webhookQueue.queue]) await q?.obliterate({ force: true }).catch(() => undefined);
    await ctx?.close();
    await db?.drop();
    await new Promise((r) => receiver?.close(r));
    nock.cleanAll();
    nock.enableNetConnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds none of them anywhere', async () => {
    const admin = await createApiToken(ctx, 'root', 'test');
    const api = async (method: 'GET' | 'POST', path: string, payload?: object) => {
      const res = await app.inject({ method, url: `/api/v1${path}`, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, body: res.body };
    };
    const hook = await api('POST', '/webhooks', { name: 'all-events', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: [], secret: WEBHOOK_SECRET });
    expect(hook.status, hook.body).toBe(201);
    const hookId = (JSON.parse(hook.body) as { id: string }).id;

    // A full run from Slack: enable on both devices, a key with a passphrase on one and a password on the other.
    const ack = await postToSlackEndpoint(url, slashCommand({ user: 'UALICE', text: 'run secret-check on tag:sec', channel: 'C0SEC', trigger: 'trig-secrets' }), { secret: SLACK_SECRET });
    expect(ack.status).toBe(200);
    const run = await until(async () => (await ctx.runs.list({ workflow: 'secret-check' }, { page: 1, perPage: 1 })).items[0]);
    let status = '';
    await until(async () => ['succeeded', 'failed', 'partially_failed'].includes((status = (await ctx.runs.get({ id: run.id }))?.status ?? '')));
    expect(status).toBe('succeeded');
    for (const d of [keyedLab.devices[0]!, lab.devices[0]!]) expect(d.commandLog).toContain('description secret-check');
    // Chat posts and webhook deliveries are all out.
    const notifications = new Queue(QueueNames.notifications, { connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX });
    await until(async () => Object.values(await notifications.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0));
    await notifications.close();
    await until(async () => received.some((r) => r.includes('run.completed')));
    const tested = await api('POST', '/devices/core-1/test');

    const answers = [
      await api('GET', `/runs/${run.id}`), await api('GET', `/runs/${run.id}/diff`), await api('GET', '/runs'), tested,
      await api('GET', '/devices'), await api('GET', '/devices/core-1'), await api('GET', '/devices/core-2'),
      await api('GET', '/credentials'), await api('GET', '/credentials/keyed'), await api('GET', '/credentials/password'),
      await api('GET', '/logs?per_page=100'), await api('GET', '/webhooks'), await api('GET', `/webhooks/${hookId}`), await api('GET', '/users/me'),
    ];
    const deliveries = await api('GET', `/webhooks/${hookId}/deliveries?per_page=100`);
    answers.push(deliveries);
    for (const d of (JSON.parse(deliveries.body) as { items: { id: string }[] }).items) answers.push(await api('GET', `/webhooks/${hookId}/deliveries/${d.id}`));

    const where: Record<string, string> = stored = {
      'database (every table)': await databaseDump(ctx),
      'logs (trace)': logs.join(''),
      'Redis values': await redisDump(ctx),
      'API answers': answers.map((a) => a.body).join('\n'),
      'Slack posts': json({ calls: slack.calls.map((c) => c.args), responses: slack.responses, uploads: slack.uploads }),
      'webhook payloads': received.join('\n'),
    };
    // Each place really holds the run: a test that looked at empty text would prove nothing.
    expect(where['database (every table)']).toContain('description secret-check');
    // The enable secret is a credential's (masked by value, then the line by pattern); the local user's is not.
    expect(where['database (every table)']).toContain('enable password <masked>');
    expect(where['database (every table)']).toMatch(/username \S+ privilege 15 password 0 <masked>/);
    expect(where['logs (trace)']).toContain(run.id);
    expect(where['API answers']).toContain('show running-config');
    expect(where['Slack posts']).toContain('secret-check');
    expect(where['webhook payloads']).toContain('run.completed');
    expect(answers.every((a) => a.status < 500)).toBe(true);
    const hits: string[] = [];
    for (const [place, text] of Object.entries(where)) {
      for (const [name, secret] of Object.entries(SECRETS)) if (text.includes(secret)) hits.push(`${name} in ${place}`);
    }
    console.log(`[security] searched ${Object.keys(SECRETS).length} secrets in ${Object.entries(where).map(([p, x]) => `${p} (${Math.round(x.length / 1024)} kB)`).join(', ')}: ${hits.length} hit(s)`);
    expect(hits).toEqual([]);
  }, 60_000);

  // Snapshots and stored command outputs are masked by pattern (SNAPSHOT_KEEP_SECRETS=false), so a clear-text
  // password the device itself holds (here core-1's local user, in no credential) is stored nowhere.
  it('masks clear-text passwords of the device\'s own config in stored command output, as in snapshots', () => {
    expect(stored['database (every table)']).toBeDefined();
    const hits = Object.entries(stored).filter(([, text]) => text.includes(DEVICE_LOCAL_PASSWORD)).map(([place]) => place);
    expect(hits).toEqual([]);
  });
});

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
