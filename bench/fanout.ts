// Fan-out: one show-version run on N lab devices (tag:fanout) with RUN_FANOUT_CONCURRENCY C, executed by one
// real `netops worker` process: wall time, executions/s, the worker's peak RSS, Redis memory.
import { requestRun } from '../src/core/runs/request-run.ts';
import { eventsChannel } from '../src/notify/redis-event-publisher.ts';
import { startLabProcess } from './lab-process.ts';
import { createBenchStack } from './support/bench-stack.ts';

export interface FanoutOptions {
  devices: number;
  concurrency: number;
  basePort: number;
}

export async function fanoutBench(opts: FanoutOptions): Promise<Record<string, unknown>> {
  const stack = await createBenchStack();
  const lab = await startLabProcess(opts.devices, opts.basePort);
  try {
    await stack.addDevices(lab.devices, 'fanout');
    const worker = await stack.startWorker({
      WORKER_CONCURRENCY: String(opts.concurrency), RUN_FANOUT_CONCURRENCY: String(opts.concurrency),
    });
    const idleRssMb = worker.rssMb();
    const events = stack.ctx.redis.duplicate();
    const completed = new Map<string, (status: string) => void>();
    await events.subscribe(eventsChannel(stack.env.REDIS_PREFIX!));
    events.on('message', (_c, message) => {
      const e = JSON.parse(message) as { type: string; runId: string; runStatus?: string };
      if (e.type === 'run.completed') completed.get(e.runId)?.(e.runStatus ?? 'unknown');
    });

    const fanout = async () => {
      const redisBefore = await stack.redisMemory();
      let redisPeak = redisBefore.usedMb;
      let rssPeakSampled = 0;
      const sampler = setInterval(() => {
        rssPeakSampled = Math.max(rssPeakSampled, worker.rssMb());
        void stack.redisMemory().then((m) => (redisPeak = Math.max(redisPeak, m.usedMb)), () => undefined);
      }, 500);
      const cpu0 = worker.cpuSeconds();
      const t0 = performance.now();
      let done!: (s: string) => void;
      const finished = new Promise<string>((r) => (done = r));
      const { run } = await requestRun(stack.ctx.requestDeps, {
        workflow: 'show-version', target: 'tag:fanout', params: {}, source: 'api', requester: { id: null, name: 'bench', role: 'admin' },
      });
      completed.set(run.id, done);
      const status = await finished;
      const wall = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const executions = await stack.ctx.runs.executions(run.id);
      const redisAfter = await stack.redisMemory();
      return {
        status, wall_s: Math.round(wall * 10) / 10, executions_per_s: Math.round((executions.length / wall) * 10) / 10,
        succeeded: executions.filter((e) => e.status === 'succeeded').length,
        redis_used_mb: { before: redisBefore.usedMb, peak_sampled: redisPeak, after: redisAfter.usedMb },
        worker_rss_peak_sampled_mb: rssPeakSampled,
        // CPU the worker used (user + system): less noisy than wall time on a shared machine.
        worker_cpu_s: Math.round((worker.cpuSeconds() - cpu0) * 10) / 10,
      };
    };
    // First contact pins 1,000 host keys (trust on first use); the second run is the steady state.
    const first = await fanout();
    const second = await fanout();
    const peak = worker.peakRssMb();
    events.disconnect();
    await worker.stop();
    return {
      devices: opts.devices, fanout_concurrency: opts.concurrency,
      first_run: first, second_run: second,
      worker_idle_rss_mb: idleRssMb, worker_peak_rss_mb: peak,
      redis_used_memory_peak_mb: (await stack.redisMemory()).peakMb,
      database: stack.database,
      note: 'one `netops worker` process (WORKER_CONCURRENCY = RUN_FANOUT_CONCURRENCY), private redis-server, lab in a child process; peak RSS = the worker\'s VmHWM',
    };
  } finally {
    await lab.stop();
    await stack.close();
  }
}
