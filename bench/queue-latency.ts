// Queue latency: request (POST /api/v1/runs to a real `netops web`) → first command received by the lab
// device, with 1 and with 4 `netops worker` processes sharing DATABASE_URL / REDIS_URL / REDIS_PREFIX.
// Two loads: one request at a time (idle), and an open loop of R requests per second over distinct devices.
import { startLab, type Lab } from '../src/lab/index.ts';
import { createBenchStack, percentiles, type BenchStack, type NetopsChild } from './support/bench-stack.ts';

export interface QueueLatencyOptions {
  workers: readonly number[];
  /** Requests in the open-loop phase of each worker count. */
  requests: number;
  ratePerSecond: number;
  devices: number;
}

/** Arrival times of every line each lab device receives (the device's own clock = ours: same process). */
function recordArrivals(lab: Lab): Map<string, number[]> {
  const arrivals = new Map<string, number[]>();
  for (const device of lab.devices) {
    const times: number[] = [];
    arrivals.set(device.name, times);
    const log = device.commandLog;
    const push = log.push.bind(log);
    log.push = (...lines: string[]) => {
      times.push(performance.now());
      return push(...lines);
    };
  }
  return arrivals;
}

const progress = (line: string) => process.stderr.write(`[bench] queue-latency: ${line}\n`);

const FINAL = new Set(['succeeded', 'failed', 'partially_failed', 'cancelled']);

async function waitFinal(stack: BenchStack, ids: string[], timeoutMs = 120_000): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  const statuses = new Map<string, string>();
  for (;;) {
    for (const id of ids) {
      if (statuses.has(id)) continue;
      const run = await stack.ctx.runs.get({ id });
      if (run && FINAL.has(run.status)) statuses.set(id, run.status);
    }
    if (statuses.size === ids.length || Date.now() > deadline) return statuses;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function queueLatencyBench(opts: QueueLatencyOptions): Promise<Record<string, unknown>> {
  const stack = await createBenchStack();
  const lab = await startLab({ count: opts.devices, basePort: 0 });
  try {
    await stack.addDevices(lab.devices, 'bench');
    await stack.addUser('operator', 'operator');
    const token = await stack.apiToken('operator');
    const arrivals = recordArrivals(lab);
    const web = await stack.startWeb();

    /** Sends one request; resolves with the run id, device and send time. */
    const send = async (device: string) => {
      const sentAt = performance.now();
      const res = await fetch(`${web.url}/api/v1/runs`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ workflow: 'show-version', target: device }),
      });
      const apiMs = performance.now() - sentAt;
      const body = (await res.json()) as { id?: string };
      if (res.status !== 202 || !body.id) throw new Error(`POST /api/v1/runs answered ${res.status}`);
      return { id: body.id, device, sentAt, apiMs };
    };
    const latencyOf = (r: { device: string; sentAt: number }) => {
      const first = arrivals.get(r.device)!.find((t) => t >= r.sentAt);
      return first === undefined ? null : first - r.sentAt;
    };

    const byWorkers: Record<string, unknown> = {};
    for (const count of opts.workers) {
      const workers: NetopsChild[] = [];
      for (let i = 0; i < count; i++) workers.push(await stack.startWorker());
      // Warm-up: every worker's first jobs (JIT, host key pinning, SSH algorithms) are not timed.
      const warm = await Promise.all(lab.devices.map((d) => send(d.name)));
      const warmed = await waitFinal(stack, warm.map((w) => w.id));
      progress(`${count} worker(s): warm-up ${warmed.size}/${warm.length} final`);

      const idle = [];
      for (let i = 0; i < 20; i++) {
        const r = await send(lab.devices[i % lab.devices.length]!.name);
        await waitFinal(stack, [r.id]);
        idle.push(r);
      }

      progress(`${count} worker(s): idle phase done`);
      const cpuBefore = [web, ...workers].map((p) => p.cpuSeconds());
      const loaded: Awaited<ReturnType<typeof send>>[] = [];
      const gapMs = 1000 / opts.ratePerSecond;
      const t0 = performance.now();
      const sends: Promise<void>[] = [];
      for (let i = 0; i < opts.requests; i++) {
        const due = t0 + i * gapMs;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        sends.push(send(lab.devices[i % lab.devices.length]!.name).then((r) => void loaded.push(r)));
      }
      await Promise.all(sends);
      const statuses = await waitFinal(stack, loaded.map((r) => r.id));
      const cpu = [web, ...workers].map((p, i) => Math.round((p.cpuSeconds() - cpuBefore[i]!) * 10) / 10);
      const failed = [...statuses.values()].filter((s) => s !== 'succeeded').length + (loaded.length - statuses.size);
      const lat = (rs: typeof loaded) => percentiles(rs.map(latencyOf).filter((x): x is number => x !== null));
      byWorkers[`${count}_worker${count === 1 ? '' : 's'}`] = {
        idle_request_to_first_command_ms: lat(idle),
        loaded_request_to_first_command_ms: lat(loaded),
        loaded_api_response_ms: percentiles(loaded.map((r) => r.apiMs)),
        loaded_runs_not_succeeded: failed,
        loaded_cpu_s: { web: cpu[0], workers: cpu.slice(1) },
        worker_peak_rss_mb: workers.map((w) => w.peakRssMb()),
      };
      await Promise.all(workers.map((w) => w.stop()));
    }
    await web.stop();
    return {
      ...byWorkers,
      load: `${opts.requests} show-version requests at ${opts.ratePerSecond}/s over ${opts.devices} devices (open loop); idle = 20 requests one at a time`,
      database: stack.database,
      note: 'one `netops web` (API) + N `netops worker` processes (WORKER_CONCURRENCY 20 each); lab devices in the benchmark process, which timestamps each device\'s first received line',
    };
  } finally {
    await lab.close();
    await stack.close();
  }
}
