// node bin/run-ts.js bench/web-bench.ts (also `npm run bench -- --only=web`) — page latency of the web companion on a
// large install; prints JSON. Needs Redis (REDIS_URL or local). Each page is measured three ways: one request at a time
// over inject() (the server's own time); under load — BENCH_WEB_RATE (20) requests/s over real HTTP on loopback, open
// loop; saturated — BENCH_WEB_CLIENTS (10) clients back to back (capacity). BENCH_WEB_DEVICES, BENCH_WEB_EXECUTIONS, BENCH_WEB_REQUESTS override the sizes.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '../src/config/load-config.ts';
import { createAppContext } from '../src/main/app-context.ts';
import { importWorkflow } from '../src/main/commands/admin-commands.ts';
import { SEED_WORKFLOWS_DIR } from '../src/main/demo-seed.ts';
import { createLogger } from '../src/main/logger.ts';
import { buildApp } from '../src/web/app.ts';
import { freshDatabase } from './support/bench-stack.ts';

const DEVICES = Number(process.env.BENCH_WEB_DEVICES ?? 10_000);
const EXECUTIONS = Number(process.env.BENCH_WEB_EXECUTIONS ?? 100);
const REQUESTS = Number(process.env.BENCH_WEB_REQUESTS ?? 200);
const CLIENTS = Number(process.env.BENCH_WEB_CLIENTS ?? 10);
const RATE = Number(process.env.BENCH_WEB_RATE ?? 20);
const WARMUP = 20;

const dir = mkdtempSync(join(tmpdir(), 'netops-web-bench-'));
// A fresh PostgreSQL schema when BENCH_POSTGRES_URL / TEST_POSTGRES_URL is set, else SQLite.
const database = await freshDatabase(dir);
const config = loadConfig({
  ...process.env, DATABASE_URL: database.url, REDIS_PREFIX: `wbench${randomBytes(4).toString('hex')}`,
  NETOPS_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'production',
});
const ctx = await createAppContext(config, createLogger('silent'));
const prisma = ctx.db.prisma;
// Connect to Redis before seeding: better-sqlite3 blocks the event loop, and a connection still opening
// then misses its 2 s connect timeout (noise on stderr, nothing else).
await Promise.all([ctx.redis.ping(), ctx.queue.runs.waitUntilReady()]);

// --- data: a large fleet and one big finished run --------------------------------------------------
const t0 = performance.now();
await ctx.credentials.upsert({ name: 'bench', username: 'netops', password: 'bench-password' });
const credentialId = (await prisma.credential.findUniqueOrThrow({ where: { name: 'bench' } })).id;
const platforms = ['cisco_ios', 'arista_eos', 'juniper_junos', 'cisco_nxos'];
const statuses = ['online', 'online', 'online', 'offline', 'unknown'];
for (let start = 0; start < DEVICES; start += 1000) {
  await prisma.device.createMany({
    data: Array.from({ length: Math.min(1000, DEVICES - start) }, (_, k) => {
      const i = start + k;
      return {
        name: `dev-${String(i).padStart(5, '0')}`, host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, platform: platforms[i % platforms.length]!,
        site: `site-${i % 40}`, tags: JSON.stringify([`role-${i % 7}`, i % 3 === 0 ? 'core' : 'edge']), status: statuses[i % statuses.length]!,
        description: `bench device ${i}`, credentialId,
      };
    }),
  });
}
for (const f of readdirSync(SEED_WORKFLOWS_DIR).filter((x) => x.endsWith('.yaml'))) await importWorkflow(ctx, readFileSync(new URL(f, SEED_WORKFLOWS_DIR), 'utf8'), 'bench');
const wf = (await ctx.workflows.findCurrent('add-loopback'))!;
const config200 = Array.from({ length: 200 }, (_, i) => `interface GigabitEthernet0/${i}\n description port ${i}\n no shutdown\n!`).join('\n');
const output = Array.from({ length: 40 }, (_, i) => `Interface Gi0/${i}   10.0.${i}.1   YES manual up   up`).join('\n');
const devices = await prisma.device.findMany({ take: EXECUTIONS, orderBy: { name: 'asc' }, select: { id: true, name: true } });
const finished = new Date();
const run = await prisma.run.create({
  data: {
    number: 1, workflowId: wf.workflowId, workflowVersionId: wf.versionId, target: 'tag:core', params: JSON.stringify({ number: 7 }), status: 'succeeded',
    source: 'web', requesterName: 'bench', startedAt: new Date(finished.getTime() - 60_000), finishedAt: finished,
  },
});
for (const d of devices) {
  const e = await prisma.execution.create({
    data: {
      runId: run.id, deviceId: d.id, deviceName: d.name, status: 'succeeded', startedAt: run.startedAt, finishedAt: finished,
      commandResults: {
        create: [
          { stage: 'pre_check', seq: 1, command: 'show ip interface brief', output, durationMs: 120, verdict: 'passed' },
          { stage: 'implementation', seq: 2, mode: 'config', command: 'interface Loopback7', output: '', durationMs: 80, verdict: 'passed' },
          { stage: 'post_check', seq: 3, command: 'show interfaces Loopback7', output: 'Loopback7 is up, line protocol is up', durationMs: 90, verdict: 'passed' },
          { stage: 'post_check', seq: 4, command: 'show running-config interface Loopback7', output: 'interface Loopback7\n description bench', durationMs: 95, verdict: 'passed' },
        ],
      },
    },
  });
  await ctx.runs.saveSnapshot({ deviceId: d.id, executionId: e.id, kind: 'before', content: `hostname ${d.name}\n${config200}` });
  await ctx.runs.saveSnapshot({ deviceId: d.id, executionId: e.id, kind: 'after', content: `hostname ${d.name}\n${config200}\ninterface Loopback7\n description bench\n!` });
}
const seedSeconds = (performance.now() - t0) / 1000;

// --- a logged-in admin over inject() ----------------------------------------------------------------
await ctx.users.create({ name: 'bench-admin', role: 'admin', passwordHash: await hash('bench-admin-password') });
const app = await buildApp(ctx);
const cookies = new Map<string, string>();
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const remember = (res: { cookies: { name: string; value: string }[] }) => res.cookies.forEach((c) => cookies.set(c.name, c.value));
const loginPage = await app.inject({ method: 'GET', url: '/login' });
remember(loginPage);
const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)![1]!;
const login = await app.inject({
  method: 'POST', url: '/login', headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ _csrf: csrf, name: 'bench-admin', password: 'bench-admin-password' }).toString(),
});
if (login.statusCode !== 303) throw new Error(`login failed: ${login.statusCode}`);
remember(login);

const pct = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url, address), { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timedGet(url: string, headers: Record<string, string>, times: number[]): Promise<void> {
  const started = performance.now();
  const status = await get(url, headers);
  if (status !== 200) throw new Error(`${url} under load: ${status}`);
  times.push(performance.now() - started);
}

const summary = (times: number[]) => {
  times.sort((x, y) => x - y);
  return { p50_ms: pct(times, 50), p99_ms: pct(times, 99), max_ms: pct(times, 100) };
};

/** Open loop: RATE requests per second over HTTP whatever the answers' pace (what users see at that traffic). */
async function atRate(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const wait = t0 + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(timedGet(url, headers, times));
  }
  await Promise.all(inFlight);
  return { rate_per_s: RATE, ...summary(times) };
}

/** Closed loop: CLIENTS clients back to back until REQUESTS answers — the capacity, and the latency at saturation. */
async function saturated(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let sent = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (sent++ < REQUESTS) await timedGet(url, headers, times);
  }));
  return { clients: CLIENTS, per_s: Math.round(times.length / ((performance.now() - t0) / 1000)), ...summary(times) };
}

async function measure(url: string, htmxTarget?: string) {
  const headers: Record<string, string> = { cookie: cookieHeader(), ...(htmxTarget ? { 'hx-request': 'true', 'hx-target': htmxTarget } : {}) };
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i >= WARMUP) times.push(ms);
    bytes = res.body.length;
  }
  times.sort((a, b) => a - b);
  return {
    url, ...(htmxTarget ? { htmx: htmxTarget } : {}), requests: REQUESTS, kb: Math.round(bytes / 102.4) / 10,
    one_at_a_time: { p50_ms: pct(times, 50), p99_ms: pct(times, 99), max_ms: pct(times, 100) },
    under_load: await atRate(url, headers),
    saturated: await saturated(url, headers),
  };
}

const firstDevice = devices[0]!;
const results = [
  await measure('/devices'),
  await measure('/devices?search=dev-09&platform=cisco_ios', 'device-table'),
  await measure('/devices?page=150', 'device-table'),
  await measure('/devices/groups?by=tag'),
  await measure(`/devices/${firstDevice.id}/config`),
  await measure(`/runs/${run.number}`),
  await measure(`/runs/${run.number}?tab=diff`),
  await measure(`/runs/${run.number}/live`, 'run-live'),
  await measure('/audit'),
];

const worstP99 = Math.max(...results.map((r) => r.under_load.p99_ms));
console.log(JSON.stringify({
  bench: 'web', devices: DEVICES, executions: EXECUTIONS, database: database.kind, seed_s: Math.round(seedSeconds * 10) / 10, pages: results,
  targets: { p99_under_load_at_most_50ms: worstP99 <= 50, worst_p99_ms: worstP99 },
}, null, 2));
agent.destroy();
await app.close();
await ctx.redis.del(...(await ctx.redis.keys(`${config.REDIS_PREFIX}:*`)).slice(0, 10_000), 'none').catch(() => undefined);
await ctx.close();
await database.drop();
rmSync(dir, { recursive: true, force: true });
