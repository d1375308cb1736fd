// Chat ack: signed slash commands to POST /slack/events of a real `netops web` process on loopback, Slack's
// Web API faked by a local HTTP server. Two loads, each followed by a check that every accepted request became
// exactly one run (counted in the database) once the backlog drained, and no refused one did:
//  - open loop: R requests per second for D1 seconds (at most C in flight) — the latency a user sees below capacity;
//  - closed loop: C clients sending back to back for D2 seconds (autocannon-style) — capacity and overload.
// Answers are told apart: accepted (empty 200) and refused busy (200 with the ephemeral busy text, admission
// control full); runs are matched to accepted requests by idempotency key (`slack:TRIGGER`), so a refused request
// that became a run shows. CHAT_MAX_IN_FLIGHT / CHAT_MAX_QUEUED in the environment size the web process's limiter.
import { Agent, request } from 'node:http';
import { slackSignature } from '../src/chat/slack/verify-slack-signature.ts';
import { BUSY_TEXT } from '../src/core/chat/chat-admission.ts';
import { createBenchStack, percentiles, type BenchStack } from './support/bench-stack.ts';
import { startFakeSlackServer, type FakeSlackServer } from './support/fake-slack-server.ts';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const BUSY_MARK = BUSY_TEXT.slice(0, 40);
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

/** Status and whether the answer was the busy refusal (a 200 too, with the ephemeral busy text). */
function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; busy: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, busy: text.includes(BUSY_MARK) && text.includes('"ephemeral"') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One load: every answer's latency, accepted (empty 200) and refused-busy (ephemeral 200) trigger ids apart. */
interface Phase {
  latencies: number[]; acceptedMs: number[]; busyMs: number[]; accepted: string[]; busy: string[];
  statuses: Map<number, number>; networkErrors: number; inFlightCap: number;
  /** When (whole seconds into the phase) answers slower than 1 s were sent: a start-up burst or all along. */
  slowAt: Map<number, number>; t0: number;
}

const newPhase = (): Phase => ({
  latencies: [], acceptedMs: [], busyMs: [], accepted: [], busy: [], statuses: new Map(), networkErrors: 0, inFlightCap: 0, slowAt: new Map(), t0: performance.now(),
});

/** Idempotency keys (`slack:TRIGGER`) of the runs created from Slack. */
async function runKeys(stack: BenchStack): Promise<Set<string>> {
  const rows = await stack.ctx.db.prisma.run.findMany({ where: { source: 'slack' }, select: { idempotencyKey: true } });
  return new Set(rows.map((r) => r.idempotencyKey ?? ''));
}

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

async function summary(stack: BenchStack, phase: Phase, seconds: number, runsBefore: number, drained: { runs: number; seconds: number }, fake: FakeSlackServer, postsBefore: number) {
  const keys = await runKeys(stack);
  const accepted = phase.accepted.length;
  const answered = phase.statuses.get(200) ?? 0;
  return {
    seconds: Math.round(seconds * 10) / 10,
    requests: phase.latencies.length + phase.networkErrors,
    accepted, refused_busy: phase.busy.length,
    accepted_per_s: Math.round((accepted / seconds) * 10) / 10,
    answers_per_s: Math.round((answered / seconds) * 10) / 10,
    // What a user waits for, accepted or refused alike; then each kind apart.
    ack_latency_ms: percentiles(phase.latencies),
    accepted_ack_ms: percentiles(phase.acceptedMs),
    busy_ack_ms: percentiles(phase.busyMs),
    acks_over_1s: phase.latencies.filter((ms) => ms > 1000).length,
    ...(phase.slowAt.size ? { acks_over_1s_sent_at_s: Object.fromEntries(phase.slowAt) } : {}),
    errors: phase.networkErrors + phase.latencies.length - answered,
    ...(phase.inFlightCap ? { sends_delayed_by_in_flight_cap: phase.inFlightCap } : {}),
    runs_created: drained.runs - runsBefore,
    exactly_one_run_per_accepted_request: drained.runs - runsBefore === accepted && phase.accepted.every((t) => keys.has(`slack:${t}`)),
    refused_that_became_runs: phase.busy.filter((t) => keys.has(`slack:${t}`)).length,
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
    // CHAT_MAX_IN_FLIGHT / CHAT_MAX_QUEUED from the environment size the web process's limiter (else its defaults).
    const limits = Object.fromEntries(['CHAT_MAX_IN_FLIGHT', 'CHAT_MAX_QUEUED'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
    const web = await stack.startWeb({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ...limits });
    const url = new URL('/slack/events', web.url);
    const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
    let seq = 0;
    const one = async (phase: Phase) => {
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
        const { status, busy } = await post(agent, url, body, headers);
        const ms = performance.now() - t0;
        phase.latencies.push(ms);
        if (ms > 1000) {
          const at = Math.floor((t0 - phase.t0) / 1000);
          phase.slowAt.set(at, (phase.slowAt.get(at) ?? 0) + 1);
        }
        phase.statuses.set(status, (phase.statuses.get(status) ?? 0) + 1);
        if (status === 200) {
          (busy ? phase.busyMs : phase.acceptedMs).push(ms);
          (busy ? phase.busy : phase.accepted).push(`bench-${n}-${process.pid}`);
        }
      } catch {
        phase.networkErrors++;
      }
    };
    // Warm-up (JIT of the accepted and the busy path, auth.test, all client sockets, connection pools): timed
    // nowhere, its runs counted before the first phase. Each batch's runs are awaited before the next.
    const warmPhase = newPhase();
    for (let i = 0; i < 5; i++) {
      await Promise.all(Array.from({ length: opts.concurrency }, () => one(warmPhase)));
      await drain(stack, warmPhase.accepted.length);
    }
    const warm = await drain(stack, warmPhase.accepted.length);
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
      const drained = await drain(stack, warm.runs + phase.accepted.length);
      result.open_loop = { rate_per_s: opts.openRate, ...(await summary(stack, phase, seconds, warm.runs, drained, fake, postsBefore)) };
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
    const drained = await drain(stack, before + phase.accepted.length);
    result.closed_loop = { clients: opts.concurrency, ...(await summary(stack, phase, seconds, before, drained, fake, postsBefore)) };
    // The web process's own counts (GET /readyz): its refusals must match the busy answers counted here.
    result.web_admission = ((await (await fetch(new URL('/readyz', web.url))).json()) as { chat?: unknown }).chat ?? null;
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
