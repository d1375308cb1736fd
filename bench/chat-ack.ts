// Chat ack: signed slash commands to POST /slack/events of a real `netops web` process on loopback, Slack's
// Web API faked by a local HTTP server. Two loads, each followed by a check that every acked request became
// exactly one run (counted in the database) once the backlog drained:
//  - open loop: R requests per second for D1 seconds (at most C in flight) — the latency a user sees below capacity;
//  - closed loop: C clients sending back to back for D2 seconds (autocannon-style) — capacity and overload.
import { Agent, request } from 'node:http';
import { slackSignature } from '../src/chat/slack/verify-slack-signature.ts';
import { createBenchStack, percentiles, type BenchStack } from './support/bench-stack.ts';
import { startFakeSlackServer, type FakeSlackServer } from './support/fake-slack-server.ts';

const SECRET = 'bench-signing-secret-0123456789abcdef';
/** After a load: wait for the backlog until every acked request has its run, no new run for this long, or the cap. */
const DRAIN_STALL_MS = Number(process.env.BENCH_ACK_DRAIN_STALL_MS ?? 30_000);
const DRAIN_MAX_MS = Number(process.env.BENCH_ACK_DRAIN_MAX_MS ?? 120_000);

export interface ChatAckOptions {
  /** Closed loop: clients; open loop: the most requests in flight. */
  concurrency: number;
  /** Closed-loop duration. */
  seconds: number;
  /** Open-loop rate (requests/s) and duration; rate 0 skips it. */
  openRate: number;
  openSeconds: number;
  devices: number;
}

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Phase { latencies: number[]; statuses: Map<number, number>; networkErrors: number; inFlightCap: number }

const newPhase = (): Phase => ({ latencies: [], statuses: new Map(), networkErrors: 0, inFlightCap: 0 });

/** Runs from Slack in the database. */
const slackRuns = async (stack: BenchStack) => (await stack.ctx.runs.list({ source: 'slack' }, { page: 1, perPage: 1 })).total;

/** Waits until `expected` runs exist (or no progress for DRAIN_STALL_MS); returns the count and how long it took. */
async function drain(stack: BenchStack, expected: number): Promise<{ runs: number; seconds: number }> {
  const start = performance.now();
  let runs = -1;
  let stableSince = start;
  for (;;) {
    const now = await slackRuns(stack);
    if (now !== runs) { runs = now; stableSince = performance.now(); }
    if (runs >= expected || performance.now() - stableSince > DRAIN_STALL_MS || performance.now() - start > DRAIN_MAX_MS) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { runs, seconds: Math.round((performance.now() - start) / 100) / 10 };
}

/** Waits until every run created has its parent message in Slack (or no new post for DRAIN_STALL_MS). */
async function drainPosts(fake: FakeSlackServer, postsBefore: number, runs: number): Promise<number> {
  let posted = -1;
  let stableSince = performance.now();
  for (;;) {
    const now = fake.count('chat.postMessage') - postsBefore;
    if (now !== posted) { posted = now; stableSince = performance.now(); }
    if (posted >= runs || performance.now() - stableSince > DRAIN_STALL_MS) return posted;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function summary(phase: Phase, seconds: number, runsBefore: number, drained: { runs: number; seconds: number }, fake: FakeSlackServer, postsBefore: number) {
  const ok = phase.statuses.get(200) ?? 0;
  return {
    seconds: Math.round(seconds * 10) / 10,
    requests: phase.latencies.length + phase.networkErrors,
    acked_per_s: Math.round((ok / seconds) * 10) / 10,
    ack_latency_ms: percentiles(phase.latencies),
    acks_over_1s: phase.latencies.filter((ms) => ms > 1000).length,
    errors: phase.networkErrors + phase.latencies.length - ok,
    ...(phase.inFlightCap ? { sends_delayed_by_in_flight_cap: phase.inFlightCap } : {}),
    runs_created: drained.runs - runsBefore,
    exactly_one_run_per_request: drained.runs - runsBefore === ok,
    backlog_drain_s: drained.seconds,
    parent_messages_posted: await drainPosts(fake, postsBefore, drained.runs - runsBefore),
  };
}

export async function chatAckBench(opts: ChatAckOptions): Promise<Record<string, unknown>> {
  const fake = await startFakeSlackServer();
  const stack = await createBenchStack();
  try {
    // Devices exist but no worker runs: the figure is the web process's alone, and runs stay queued to be counted.
    const devices = Array.from({ length: opts.devices }, (_, i) => ({
      name: `bench-${i + 1}`, host: '127.0.0.1', port: 1, username: 'netops', password: 'unused-password', enableSecret: 'unused-enable',
    }));
    await stack.addDevices(devices, 'bench');
    await stack.addUser('alice', 'operator', 'UALICE');
    const web = await stack.startWeb({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
    const url = new URL('/slack/events', web.url);
    const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
    let seq = 0;
    const one = async (phase: Phase | null) => {
      const n = ++seq;
      const body = new URLSearchParams({
        token: 'unused', team_id: 'T0BENCH', team_domain: 'bench', channel_id: `C${n}`, channel_name: 'netops', user_id: 'UALICE', user_name: 'alice',
        command: '/netops', text: `run show-version on bench-${(n % opts.devices) + 1}`, api_app_id: 'A0BENCH',
        response_url: `${fake.hooksUrl}/commands/${n}`, trigger_id: `bench-${n}-${process.pid}`,
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSignature(SECRET, ts, body) };
      const t0 = performance.now();
      try {
        const status = await post(agent, url, body, headers);
        phase?.latencies.push(performance.now() - t0);
        phase?.statuses.set(status, (phase.statuses.get(status) ?? 0) + 1);
      } catch {
        if (phase) phase.networkErrors++;
      }
    };
    // Warm-up (JIT, auth.test, connection pools): timed nowhere, its runs counted before the first phase.
    for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 20 }, () => one(null)));
    const warm = await drain(stack, seq);
    await drainPosts(fake, 0, warm.runs);
    const result: Record<string, unknown> = {};

    if (opts.openRate > 0) {
      const phase = newPhase();
      const postsBefore = fake.count('chat.postMessage');
      const gap = 1000 / opts.openRate;
      const t0 = performance.now();
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; performance.now() - t0 < opts.openSeconds * 1000; i++) {
        const wait = t0 + i * gap - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (inFlight.size >= opts.concurrency) {
          phase.inFlightCap++;
          await Promise.race(inFlight);
        }
        const p: Promise<void> = one(phase).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      const seconds = (performance.now() - t0) / 1000;
      const acked = phase.statuses.get(200) ?? 0;
      result.open_loop = { rate_per_s: opts.openRate, ...(await summary(phase, seconds, warm.runs, await drain(stack, warm.runs + acked), fake, postsBefore)) };
    }

    const before = await slackRuns(stack);
    const phase = newPhase();
    const postsBefore = fake.count('chat.postMessage');
    const deadline = performance.now() + opts.seconds * 1000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) await one(phase);
    }));
    const seconds = (performance.now() - t0) / 1000;
    const drained = await drain(stack, before + (phase.statuses.get(200) ?? 0));
    result.closed_loop = { clients: opts.concurrency, ...(await summary(phase, seconds, before, drained, fake, postsBefore)) };
    agent.destroy();
    const webPeak = web.peakRssMb();
    await web.stop();
    return {
      ...result,
      web_peak_rss_mb: webPeak,
      database: stack.database,
      note: 'load from the benchmark process on loopback; one `netops web` process, no worker (runs stay queued); each request a new channel (Slack\'s 1 post/s per channel pacing is not the figure); runs counted in the database after the backlog drained (or stalled 30 s)',
    };
  } finally {
    await stack.close();
    await fake.close();
  }
}
