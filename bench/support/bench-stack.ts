import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/load-config.ts';
import { createAppContext, type AppContext } from '../../src/main/app-context.ts';
import { createApiToken, importWorkflow } from '../../src/main/commands/admin-commands.ts';
import { SEED_WORKFLOWS_DIR } from '../../src/main/demo-seed.ts';
import { createLogger } from '../../src/main/logger.ts';
import { freePort } from '../../src/main/redis-bootstrap.ts';

/** A NetOps process (`netops web` / `netops worker`) started by a benchmark. */
export interface NetopsChild {
  pid: number;
  /** Peak resident set size so far (VmHWM), MB. */
  peakRssMb(): number;
  /** Current resident set size (VmRSS), MB. */
  rssMb(): number;
  /** CPU time used so far (user + system), seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface BenchDevice { name: string; host: string; port: number; username: string; password: string; enableSecret: string }

/**
 * An isolated install for one benchmark: a private redis-server (so INFO memory is ours alone), a fresh
 * database (a PostgreSQL schema when BENCH_POSTGRES_URL / TEST_POSTGRES_URL is set, else SQLite WAL), the
 * seeded workflows, and helpers to start real `netops` processes against it.
 */
export interface BenchStack {
  env: Record<string, string>;
  database: 'postgresql' | 'sqlite';
  /** An app context in the benchmark's own process: seeding, counting, reading results. */
  ctx: AppContext;
  addDevices(devices: readonly BenchDevice[], tag: string): Promise<void>;
  addUser(name: string, role: 'operator' | 'approver' | 'admin', slackId?: string): Promise<void>;
  apiToken(user: string): Promise<string>;
  startWorker(extra?: Record<string, string>): Promise<NetopsChild>;
  startWeb(extra?: Record<string, string>): Promise<NetopsChild & { url: string }>;
  /** Redis INFO memory: used_memory and used_memory_peak, MB. */
  redisMemory(): Promise<{ usedMb: number; peakMb: number }>;
  close(): Promise<void>;
}

const mb = (kb: number) => Math.round(kb / 1024);

function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export { freePort };

const live = new Set<ChildProcess>();
// A benchmark that dies must not leave workers behind (they would retry a vanished Redis forever).
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Kills `child` with SIGKILL when this process exits, whatever the reason. */
export function killOnExit(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * `node [--cpu-prof] [BENCH_NODE_ARGS] bin/netops.js ARGS`: BENCH_CPU_PROF=DIR writes a .cpuprofile per process
 * there; BENCH_NODE_ARGS (space separated) passes flags NODE_OPTIONS refuses, e.g. --trace-gc.
 */
function spawnNetops(args: string[], env: Record<string, string>): ChildProcess {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return killOnExit(spawn(process.execPath, [...prof, ...nodeArgs, 'bin/netops.js', ...args], {
    // JSON logs (LOG_LEVEL info, as in production) are written and discarded (BENCH_CHILD_LOGS=1 shows them).
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
      // BENCH_NODE_OPTIONS: V8 flags for the netops processes (e.g. --max-semi-space-size=4) to compare memory tuning.
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      ...env,
      // BENCH_NETOPS_ENV='K=V K=V': settings for the netops processes, e.g. WORKER_HEAP_GROWTH_PERCENT=0 to compare.
      ...Object.fromEntries((process.env.BENCH_NETOPS_ENV ?? '').split(' ').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
    },
    stdio: ['ignore', process.env.BENCH_CHILD_LOGS ? 'inherit' : 'ignore', 'inherit'],
  }));
}

/** utime + stime of a process in seconds (Linux clock ticks are 1/100 s). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function handle(child: ChildProcess): NetopsChild {
  const pid = child.pid ?? 0;
  let lastPeak = 0;
  return {
    pid,
    peakRssMb: () => (lastPeak = Math.max(lastPeak, mb(procStatusKb(pid, 'VmHWM')))),
    rssMb: () => mb(procStatusKb(pid, 'VmRSS')),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: () => new Promise((resolve) => {
      lastPeak = Math.max(lastPeak, mb(procStatusKb(pid, 'VmHWM')));
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** Polls `ready` until it holds; fails early when the child exits. */
async function waitUntil(child: ChildProcess, ready: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A redis-server of the benchmark's own on a free port (its memory figures are ours alone), without persistence. */
export async function startPrivateRedis(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = killOnExit(spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100 || child.exitCode !== null) throw new Error('redis-server did not start (is it on PATH?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export async function freshDatabase(dir: string): Promise<{ url: string; kind: 'postgresql' | 'sqlite'; drop(): Promise<void> }> {
  const base = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (!base || process.env.BENCH_DATABASE === 'sqlite') return { url: `file:${join(dir, 'bench.db')}`, kind: 'sqlite', drop: async () => {} };
  const schema = `netops_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(), kind: 'postgresql',
    async drop() {
      const admin = new URL(base);
      admin.searchParams.delete('schema');
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
    },
  };
}

export async function createBenchStack(opts: { extraEnv?: Record<string, string> } = {}): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'netops-bench-'));
  const redis = await startPrivateRedis(dir);
  const db = await freshDatabase(dir);
  const env: Record<string, string> = {
    DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    NETOPS_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: dir, LOG_LEVEL: 'info', NODE_ENV: 'production',
    SSH_CONNECT_TIMEOUT_MS: '30000', SSH_COMMAND_TIMEOUT_MS: '30000', SSH_IDLE_TIMEOUT_MS: '20000',
    ...opts.extraEnv,
  };
  const ctx = await createAppContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }), createLogger('silent'));
  for (const f of readdirSync(SEED_WORKFLOWS_DIR).filter((x) => x.endsWith('.yaml'))) {
    await importWorkflow(ctx, readFileSync(new URL(f, SEED_WORKFLOWS_DIR), 'utf8'), 'bench');
  }
  const children: NetopsChild[] = [];
  const probe = ctx.redis.duplicate();
  return {
    env, ctx, database: db.kind,
    async addDevices(devices, tag) {
      const first = devices[0];
      if (!first) return;
      await ctx.credentials.upsert({ name: 'lab', username: first.username, password: first.password, enableSecret: first.enableSecret });
      for (const d of devices) await ctx.devices.upsert({ name: d.name, host: d.host, port: d.port, platform: 'cisco_ios', credentialName: 'lab', tags: [tag] });
    },
    async addUser(name, role, slackId) {
      await ctx.users.create({ name, role, ...(slackId ? { slackId } : {}) });
    },
    apiToken: (user) => createApiToken(ctx, user, 'bench'),
    async startWorker(extra = {}) {
      // A worker records worker.started in the audit log once its queues are listening.
      const started = () => ctx.db.prisma.auditEvent.count({ where: { action: 'worker.started' } });
      const before = await started();
      const child = spawnNetops(['worker'], { ...env, ...extra });
      await waitUntil(child, async () => (await started()) > before, 'netops worker');
      const h = handle(child);
      children.push(h);
      return h;
    },
    async startWeb(extra = {}) {
      const port = await freePort();
      const child = spawnNetops(['web'], { ...env, HOST: '127.0.0.1', PORT: String(port), ...extra });
      await waitUntil(child, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 'netops web');
      const h = handle(child);
      children.push(h);
      return { ...h, url: `http://127.0.0.1:${port}` };
    },
    async redisMemory() {
      const info = await probe.info('memory');
      const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
      return { usedMb: Math.round(field('used_memory') / 2 ** 20 * 10) / 10, peakMb: Math.round(field('used_memory_peak') / 2 ** 20 * 10) / 10 };
    },
    async close() {
      await Promise.all(children.map((c) => c.stop()));
      probe.disconnect();
      await ctx.close();
      await redis.stop();
      await db.drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** p50/p99/max of a sample, rounded to 0.1. */
export function percentiles(xs: readonly number[]): { n: number; p50: number; p90: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0) * 10) / 10;
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
