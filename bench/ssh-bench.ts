// node bin/run-ts.js bench/ssh-bench.ts — SSH engine figures as JSON (not part of npm test):
// per-command overhead against the lab, and a job (enable, show version, a 4-line config set) on 1, 100 and
// 500 lab devices in parallel with the engine's peak RSS. The lab runs in a child process.
// SSH_BENCH_SIZES (default 1,100,500), SSH_BENCH_DELAYS_MS (the lab's per-command delay, default 5,50),
// SSH_BENCH_MAX_LOGINS (the connector's maxParallelLogins, default its own).
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { DeviceEndpoint, SessionTimeouts } from '../src/core/ports/device-session.ts';
import { SshConnector } from '../src/ssh/index.ts';

interface LabChild {
  devices: { name: string; host: string; port: number; username: string; password: string; enableSecret: string; fingerprint: string }[];
  rssMb: number;
  stop(): Promise<void>;
}

const SIZES = (process.env.SSH_BENCH_SIZES ?? '1,100,500').split(',').map(Number);
const DELAYS = (process.env.SSH_BENCH_DELAYS_MS ?? '5,50').split(',').map(Number);
/** SshConnector maxParallelLogins (default: the connector's own, 64). */
const MAX_LOGINS = process.env.SSH_BENCH_MAX_LOGINS === undefined ? undefined : Number(process.env.SSH_BENCH_MAX_LOGINS);
const TIMEOUTS: SessionTimeouts = { connectMs: 60_000, commandMs: 60_000, idleMs: 30_000 };

async function startLabChild(count: number, delayMs: number): Promise<LabChild> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/ssh-lab-child.ts', String(count), String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lab exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const ready = JSON.parse(line) as Omit<LabChild, 'stop'>;
  child.removeAllListeners('exit');
  return { ...ready, stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

const endpoint = (d: LabChild['devices'][number]): DeviceEndpoint => ({
  name: d.name, host: d.host, port: d.port, platform: 'cisco_ios', hostKeyFingerprint: d.fingerprint,
  secrets: { username: d.username, password: d.password, enableSecret: d.enableSecret },
});

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2));
  return { median: at(0.5), p95: at(0.95), max: at(1), mean: Number((s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)) };
};

/** Peak RSS of this process while `work` runs, sampled every 5 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/** Time from sending a command to having its output, minus the lab's configured delay. */
async function perCommandOverhead(delayMs: number, samples = 300) {
  const lab = await startLabChild(1, delayMs);
  try {
    const session = await new SshConnector().connect(endpoint(lab.devices[0]!), TIMEOUTS);
    for (let i = 0; i < 30; i++) await session.run('show clock'); // warm-up
    const overheads: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      await session.run('show clock');
      overheads.push(performance.now() - t0 - delayMs);
    }
    await session.close();
    return { device_delay_ms: delayMs, samples, ...stats(overheads) };
  } finally {
    await lab.stop();
  }
}

/** Login (+ enable, paging off), `show version`, a 4-line config set, logout — per device, all in parallel. */
async function job(connector: SshConnector, d: LabChild['devices'][number], n: number): Promise<number> {
  const t0 = performance.now();
  const session = await connector.connect(endpoint(d), TIMEOUTS);
  const version = await session.run('show version');
  if (!version.output.includes('Cisco IOS Software')) throw new Error(`unexpected show version on ${d.name}`);
  const outputs = await session.runConfig([`interface Loopback${n}`, 'description bench', `ip address 10.255.${n >> 8}.${n & 255} 255.255.255.255`, 'no shutdown']);
  if (outputs.some((o) => o.errorMarker !== null)) throw new Error(`config refused on ${d.name}`);
  await session.close();
  return performance.now() - t0;
}

async function jobs(delayMs: number) {
  const lab = await startLabChild(Math.max(...SIZES), delayMs);
  const connector = new SshConnector(MAX_LOGINS === undefined ? {} : { maxParallelLogins: MAX_LOGINS });
  try {
    // Warm-up (JIT on both sides), then one device is the median of 5 jobs run one after the other.
    for (let i = 0; i < 20; i++) await job(connector, lab.devices[i % lab.devices.length]!, 1);
    const rows = [];
    for (const size of SIZES) {
      const repeats = size === 1 ? 5 : 1;
      const walls: number[] = [];
      const cpu0 = process.cpuUsage();
      const { result, peakRssMb } = await withPeakRss(async () => {
        const perDevice: number[] = [];
        for (let r = 0; r < repeats; r++) {
          const t0 = performance.now();
          perDevice.push(...(await Promise.all(lab.devices.slice(0, size).map((d, i) => job(connector, d, 100 + i)))));
          walls.push(performance.now() - t0);
        }
        return perDevice;
      });
      const cpu = process.cpuUsage(cpu0);
      rows.push({
        devices: size,
        wall_ms: Math.round(stats(walls).median),
        per_device_ms: stats(result),
        engine_cpu_ms: Math.round((cpu.user + cpu.system) / 1000 / repeats),
        engine_peak_rss_mb: peakRssMb,
      });
    }
    const one = rows.find((r) => r.devices === 1)?.wall_ms ?? NaN;
    const hundred = rows.find((r) => r.devices === 100)?.wall_ms ?? NaN;
    return { device_delay_ms: delayMs, lab_process_rss_mb: lab.rssMb, runs: rows, ratio_100_vs_1: Number((hundred / one).toFixed(2)) };
  } finally {
    await lab.stop();
  }
}

const overhead = await perCommandOverhead(5);
const jobRuns = [];
for (const delay of DELAYS) jobRuns.push(await jobs(delay));
const at5 = jobRuns.find((j) => j.device_delay_ms === 5);
const rss500 = at5?.runs.find((r) => r.devices === 500)?.engine_peak_rss_mb ?? NaN;
console.log(
  JSON.stringify(
    {
      bench: 'ssh-engine',
      node: process.version,
      cpus: cpus().length,
      per_command_overhead_ms: overhead,
      job: 'connect + enable + terminal length/width, show version, configure terminal + 4 lines + end, close',
      jobs: jobRuns,
      targets: {
        overhead_median_under_5ms: overhead.median < 5,
        hundred_within_1_5x_one: jobRuns.map((j) => ({ device_delay_ms: j.device_delay_ms, ratio: j.ratio_100_vs_1, met: j.ratio_100_vs_1 <= 1.5 })),
        five_hundred_under_300mb_rss: rss500 < 300,
      },
    },
    null,
    2,
  ),
);
process.exit(0);
