// Request → result of show-version on the run engine in this process: one device at a time, N separate
// runs at once, and one run fanned out to N devices; the lab runs in a child process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import { requestRun } from '../src/core/runs/request-run.ts';
import { createAppContext } from '../src/main/app-context.ts';
import { importWorkflow } from '../src/main/commands/admin-commands.ts';
import { SEED_WORKFLOWS_DIR } from '../src/main/demo-seed.ts';
import { createLogger } from '../src/main/logger.ts';
import { startServices } from '../src/main/start-services.ts';
import { eventsChannel } from '../src/notify/redis-event-publisher.ts';
import { startLabProcess } from './lab-process.ts';

export async function runEngineBench(opts: { devices: number; basePort: number }): Promise<Record<string, unknown>> {
  const DEVICES = opts.devices;
  const dir = mkdtempSync(join(tmpdir(), 'netops-bench-'));
  const config = loadConfig({
    ...process.env, DATABASE_URL: `file:${join(dir, 'bench.db')}`, REDIS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    NETOPS_SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: dir, LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: String(DEVICES), RUN_FANOUT_CONCURRENCY: String(DEVICES),
  });
  const ctx = await createAppContext(config, createLogger('silent'));
  const lab = await startLabProcess(DEVICES, opts.basePort);
  const first = lab.devices[0]!;
  await ctx.credentials.upsert({ name: 'lab', username: first.username, password: first.password, enableSecret: first.enableSecret });
  for (const d of lab.devices) await ctx.devices.upsert({ name: d.name, host: d.host, port: d.port, platform: 'cisco_ios', credentialName: 'lab', tags: ['bench'] });
  for (const f of readdirSync(SEED_WORKFLOWS_DIR).filter((x) => x.endsWith('.yaml'))) await importWorkflow(ctx, readFileSync(new URL(f, SEED_WORKFLOWS_DIR), 'utf8'), 'bench');
  const services = await startServices(ctx, { web: false, worker: true });
  const requester = { id: null, name: 'bench', role: 'admin' as const };

  // Completion arrives on the events channel (as a live page would see it): no polling load on the database.
  const subscriber = ctx.redis.duplicate();
  const waiting = new Map<string, (status: string) => void>();
  await subscriber.subscribe(eventsChannel(config.REDIS_PREFIX));
  subscriber.on('message', (_channel, message) => {
    const event = JSON.parse(message) as { type: string; runId: string; runStatus?: string };
    if (event.type === 'run.completed') waiting.get(event.runId)?.(event.runStatus ?? 'unknown');
  });

  async function timeRun(target: string): Promise<number> {
    const t0 = performance.now();
    let done!: (status: string) => void;
    const finished = new Promise<string>((resolve) => (done = resolve));
    const { run } = await requestRun(ctx.requestDeps, { workflow: 'show-version', target, params: {}, source: 'cli', requester });
    waiting.set(run.id, done);
    const already = await ctx.runs.get({ id: run.id }); // it may have finished before we listened
    const status = already && ['succeeded', 'failed', 'partially_failed'].includes(already.status) ? already.status : await finished;
    waiting.delete(run.id);
    if (status !== 'succeeded') throw new Error(`bench run ${run.number} ${status}`);
    return (performance.now() - t0) / 1000;
  }

  await timeRun(first.name); // warm-up: host key pinning, JIT
  const single: number[] = [];
  for (let i = 0; i < 5; i++) single.push(await timeRun(lab.devices[i % lab.devices.length]!.name));
  single.sort((a, b) => a - b);
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  await Promise.all(lab.devices.map((d) => timeRun(d.name)));
  const parallelWall = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await timeRun(`tag:bench`); // one run fanned out to every device
  const fanoutWall = (performance.now() - t1) / 1000;

  const figures = {
    devices: DEVICES,
    show_version_request_to_result_s: { median: single[2], min: single[0], max: single[4] },
    parallel_runs_on_devices_wall_s: parallelWall,
    one_run_fanout_to_all_devices_wall_s: fanoutWall,
    worker_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    worker_rss_before_parallel_mb: Math.round(rssBefore / 1024 / 1024),
    note: 'worker, web-less app context and SQLite in the benchmark process; lab devices in a separate process; each run = 3 stages, 3 commands',
  };
  subscriber.disconnect();
  await services.stop();
  await ctx.queue.runs.obliterate({ force: true });
  await ctx.queue.executions.obliterate({ force: true });
  await ctx.close();
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
