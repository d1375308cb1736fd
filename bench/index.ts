// npm run bench — prints one JSON document of figures. Not part of npm test. Needs Redis (REDIS_URL or local)
// for the run-engine bench and redis-server on PATH for the others (each starts a private one).
//   npm run bench -- --only=chat-ack,fanout      run some benches (run-engine, chat-ack, queue-latency, fanout, ssh, web)
//   BENCH_POSTGRES_URL / TEST_POSTGRES_URL        multi-process benches on a fresh PostgreSQL schema (else SQLite WAL)
//   BENCH_CPU_PROF=DIR                             write a .cpuprofile of every netops process started
// Sizes: BENCH_DEVICES (run-engine, 100), BENCH_ACK_SECONDS (closed loop, 30), BENCH_ACK_CONCURRENCY (100),
// BENCH_ACK_RATE (open loop, 50/s; 0 skips it), BENCH_ACK_OPEN_SECONDS (15),
// BENCH_LATENCY_REQUESTS (200), BENCH_LATENCY_RATE (20/s), BENCH_FANOUT_DEVICES (1000), BENCH_FANOUT_CONCURRENCY (50).
import { cpus, loadavg, totalmem } from 'node:os';
import { chatAckBench } from './chat-ack.ts';
import { fanoutBench } from './fanout.ts';
import { queueLatencyBench } from './queue-latency.ts';
import { runEngineBench } from './run-engine.ts';
import { childBench } from './support/child-bench.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  'run-engine': () => runEngineBench({ devices: env('BENCH_DEVICES', 100), basePort: env('BENCH_BASE_PORT', 24000) }),
  'chat-ack': () => chatAckBench({
    concurrency: env('BENCH_ACK_CONCURRENCY', 100), seconds: env('BENCH_ACK_SECONDS', 30),
    openRate: env('BENCH_ACK_RATE', 50), openSeconds: env('BENCH_ACK_OPEN_SECONDS', 15), devices: 100,
  }),
  'queue-latency': () => queueLatencyBench({ workers: [1, 4], requests: env('BENCH_LATENCY_REQUESTS', 200), ratePerSecond: env('BENCH_LATENCY_RATE', 20), devices: 50 }),
  fanout: () => fanoutBench({ devices: env('BENCH_FANOUT_DEVICES', 1000), concurrency: env('BENCH_FANOUT_CONCURRENCY', 50), basePort: env('BENCH_FANOUT_BASE_PORT', 0) }),
  // Their own processes (their own RSS); their sizes and options are in the scripts' headers.
  ssh: () => childBench('bench/ssh-bench.ts'),
  web: () => childBench('bench/web-bench.ts'),
};

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? Object.keys(BENCHES);
const unknown = only.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const started = Date.now();
const loadAtStart = loadavg().map((x) => Math.round(x * 10) / 10);
const results: Record<string, unknown> = {};
for (const name of only) {
  process.stderr.write(`[bench] ${name}…\n`);
  const t0 = Date.now();
  results[name] = await BENCHES[name]!();
  process.stderr.write(`[bench] ${name} done in ${Math.round((Date.now() - t0) / 1000)} s\n`);
}
console.log(JSON.stringify({
  machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  // Other work on the machine (1/5/15-minute load averages): figures from a busy machine are slower.
  load_average: { at_start: loadAtStart, at_end: loadavg().map((x) => Math.round(x * 10) / 10) },
  total_s: Math.round((Date.now() - started) / 1000),
  ...results,
}, null, 2));
process.exit(0);
