// node bin/run-ts.js bench/ssh-bench.ts — SSH engine figures as JSON (not part of npm test):
// per-command overhead against the lab; SSH logins alone (handshake + auth) on 1/100/500 devices at once; and a
// job (login, enable, terminal setup, show version, a 4-line config set, logout) on 1, 100 and 500 lab devices in
// parallel, at several per-command device delays, with the engine's peak RSS and the CPU both sides used.
// The lab runs in a child process. SSH_BENCH_PIN=1 pins the engine to CPU 0 and the lab to CPU 1 (taskset), so the
// simulated devices cannot take the engine's CPU; on a machine loaded by other work it slows both (neither may move
// to the idler CPU), hence off by default.
// SSH_BENCH_SIZES (default 1,100,500), SSH_BENCH_DELAYS_MS (lab delay per command, default 5,50,200),
// SSH_BENCH_MAX_LOGINS (the connector's maxParallelLogins, default its own), SSH_BENCH_PIN=1 (pinning),
// BENCH_CPU_PROF=DIR (a .cpuprofile of the lab process; profile the engine with `node --cpu-prof`).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { DeviceEndpoint, SessionTimeouts } from '../src/core/ports/device-session.ts';
import { SshConnector } from '../src/ssh/index.ts';
import { openSshClient } from '../src/ssh/open-ssh-client.ts';

type LabDevice = { name: string; host: string; port: number; username: string; password: string; enableSecret: string; fingerprint: string };
interface LabChild {
  devices: LabDevice[];
  rssMb: number;
  /** CPU time (user + system) the lab process has used so far, ms (10 ms resolution). */
  cpuMs(): number;
  stop(): Promise<void>;
}

const SIZES = (process.env.SSH_BENCH_SIZES ?? '1,100,500').split(',').map(Number);
const DELAYS = (process.env.SSH_BENCH_DELAYS_MS ?? '5,50,200').split(',').map(Number);
/** SshConnector maxParallelLogins (default: the connector's own, 64). */
const MAX_LOGINS = process.env.SSH_BENCH_MAX_LOGINS === undefined ? undefined : Number(process.env.SSH_BENCH_MAX_LOGINS);
const PIN = process.env.SSH_BENCH_PIN === '1' && cpus().length >= 2 && hasTaskset();
const TIMEOUTS: SessionTimeouts = { connectMs: 60_000, commandMs: 60_000, idleMs: 30_000 };
const load = (): number[] => loadavg().map((x) => Math.round(x * 10) / 10);

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function processCpuMs(pid: number): number {
  // /proc/PID/stat fields after "(comm) ": utime is the 12th, stime the 13th, in clock ticks (100 a second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startLabChild(count: number, delayMs: number): Promise<LabChild> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const node = [process.execPath, ...prof, 'bin/run-ts.js', 'bench/ssh-lab-child.ts', String(count), String(delayMs)];
  const [command, ...args] = PIN ? ['taskset', '-c', '1', ...node] : node;
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lab exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const ready = JSON.parse(line) as Pick<LabChild, 'devices' | 'rssMb'>;
  child.removeAllListeners('exit');
  return {
    ...ready,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
  };
}

const endpoint = (d: LabDevice): DeviceEndpoint => ({
  name: d.name, host: d.host, port: d.port, platform: 'cisco_ios', hostKeyFingerprint: d.fingerprint,
  secrets: { username: d.username, password: d.password, enableSecret: d.enableSecret },
});

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { median: at(0.5), p95: at(0.95), max: at(1) };
};
const median = (xs: number[]): number => stats(xs).median;

/** Peak RSS of this process while `work` runs, sampled every 20 ms (rss() alone: memoryUsage() walks the heap). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20) };
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

interface Timed {
  loginMs: number;
  commandsMs: number;
}

/** Login (+ shell, enable, terminal length/width), then `show version` and a 4-line config set, logout. */
async function job(connector: SshConnector, d: LabDevice, n: number): Promise<Timed> {
  const t0 = performance.now();
  const session = await connector.connect(endpoint(d), TIMEOUTS);
  const t1 = performance.now();
  const version = await session.run('show version');
  if (!version.output.includes('Cisco IOS Software')) throw new Error(`unexpected show version on ${d.name}`);
  const outputs = await session.runConfig([`interface Loopback${n}`, 'description bench', `ip address 10.255.${n >> 8}.${n & 255} 255.255.255.255`, 'no shutdown']);
  if (outputs.some((o) => o.errorMarker !== null)) throw new Error(`config refused on ${d.name}`);
  await session.close();
  return { loginMs: t1 - t0, commandsMs: performance.now() - t1 };
}

/** SSH handshake + password auth only (no shell), `size` devices at once: the CPU-bound part of a job. */
async function handshakes(lab: LabChild, size: number) {
  const login = async (d: LabDevice): Promise<number> => {
    const t0 = performance.now();
    const { client } = await openSshClient(endpoint(d), { deadline: Date.now() + 60_000, strictHostKeys: true });
    const ms = performance.now() - t0;
    client.end();
    return ms;
  };
  for (let i = 0; i < 20; i++) await login(lab.devices[0]!); // warm-up
  const repeats = size === 1 ? 20 : 1; // one login: 20 in a row, for CPU figures above the 10 ms resolution
  const cpu0 = process.cpuUsage();
  const lab0 = lab.cpuMs();
  const walls: number[] = [];
  const each: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    each.push(...(await Promise.all(lab.devices.slice(0, size).map(login))));
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    devices: size,
    wall_ms: Math.round(median(walls)),
    per_login_ms: stats(each),
    engine_cpu_ms_per_login: round((cpu.user + cpu.system) / 1000 / size / repeats, 2),
    lab_cpu_ms_per_login: round((lab.cpuMs() - lab0) / size / repeats, 2),
  };
}

async function jobs(delayMs: number) {
  const lab = await startLabChild(Math.max(...SIZES), delayMs);
  const connector = new SshConnector(MAX_LOGINS === undefined ? {} : { maxParallelLogins: MAX_LOGINS });
  try {
    // Warm-up (JIT on both sides); then each size is repeated (1 device: 5 times, 100: 3, 500: once), medians.
    for (let i = 0; i < 20; i++) await job(connector, lab.devices[i % lab.devices.length]!, 1);
    const rows = [];
    const wallBySize = new Map<number, number>();
    for (const size of SIZES) {
      const repeats = size === 1 ? 5 : size <= 100 ? 3 : 1;
      const walls: number[] = [];
      const cpu0 = process.cpuUsage();
      const lab0 = lab.cpuMs();
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const { result, peakRssMb } = await withPeakRss(async () => {
        const perDevice: Timed[] = [];
        for (let r = 0; r < repeats; r++) {
          const t0 = performance.now();
          perDevice.push(...(await Promise.all(lab.devices.slice(0, size).map((d, i) => job(connector, d, 100 + i)))));
          walls.push(performance.now() - t0);
        }
        return perDevice;
      });
      loop.disable();
      const cpu = process.cpuUsage(cpu0);
      const engineCpu = (cpu.user + cpu.system) / 1000 / repeats;
      const labCpu = (lab.cpuMs() - lab0) / repeats;
      wallBySize.set(size, Math.round(median(walls)));
      rows.push({
        devices: size,
        wall_ms: Math.round(median(walls)),
        walls_ms: walls.map(Math.round),
        login_ms: stats(result.map((t) => t.loginMs)),
        commands_ms: stats(result.map((t) => t.commandsMs)),
        engine_cpu_ms_per_device: round(engineCpu / size, 2),
        lab_cpu_ms_per_device: round(labCpu / size, 2),
        // The least wall time the CPU work alone allows: each process on its own core when pinned.
        cpu_floor_ms: Math.round(PIN ? Math.max(engineCpu, labCpu) : (engineCpu + labCpu) / cpus().length),
        engine_peak_rss_mb: peakRssMb,
        // How late the engine's event loop ran (blocked by its own work, or waiting for a CPU).
        engine_loop_delay_ms: { p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
      });
    }
    const wallOf = (n: number): number => wallBySize.get(n) ?? NaN;
    return { device_delay_ms: delayMs, lab_process_rss_mb: lab.rssMb, runs: rows, ratio_100_vs_1: round(wallOf(100) / wallOf(1), 2) };
  } finally {
    await lab.stop();
  }
}

async function handshakeRuns() {
  const lab = await startLabChild(Math.max(...SIZES), 0);
  try {
    const rows: Awaited<ReturnType<typeof handshakes>>[] = [];
    for (const size of SIZES) rows.push(await handshakes(lab, size));
    return rows;
  } finally {
    await lab.stop();
  }
}

if (PIN) execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const loadAtStart = load();
const overhead = await perCommandOverhead(5);
const logins = await handshakeRuns();
const jobRuns = [];
for (const delay of DELAYS) jobRuns.push(await jobs(delay));
const rss500 = Math.max(...jobRuns.map((j) => j.runs.find((r) => r.devices === 500)?.engine_peak_rss_mb ?? NaN));
console.log(
  JSON.stringify(
    {
      bench: 'ssh-engine',
      node: process.version,
      cpus: cpus().length,
      pinned: PIN ? 'engine on CPU 0, lab on CPU 1' : false,
      load_average: { at_start: loadAtStart, at_end: load() },
      per_command_overhead_ms: overhead,
      logins_only: logins,
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
