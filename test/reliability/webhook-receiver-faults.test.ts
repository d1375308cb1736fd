import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRun } from '../../src/core/runs/request-run.ts';
import { createApiToken } from '../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';
import { until } from './helpers/processes.ts';

const ATTEMPTS = 4;
const BASE_MS = 200;
const requester = { id: null, name: 'operator', role: 'operator' as const };

/** A receiver that answers 500 on /fail and holds /slow for 3 s (past the 500 ms timeout); arrivals by delivery id. */
class FaultyReceiver {
  readonly arrivals = new Map<string, number[]>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const key = `${req.url}:${String(req.headers['x-netops-delivery'])}`;
        this.arrivals.set(key, [...(this.arrivals.get(key) ?? []), Date.now()]);
        if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 3000).unref();
        else res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver broken');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A loopback port nobody listens on: the receiver is down. */
const closedPort = () => new Promise<number>((resolve) => {
  const srv = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as AddressInfo;
    srv.close(() => resolve(port));
  });
});

describe('webhook receivers that are down, slow or answer 500', () => {
  let t: TestApp;
  const receiver = new FaultyReceiver();
  const hooks: Record<'down' | 'slow' | 'fail', string> = { down: '', slow: '', fail: '' };
  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      devices: 3,
      env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_RETRY_BASE_MS: String(BASE_MS), WEBHOOK_MAX_ATTEMPTS: String(ATTEMPTS) },
    });
    await t.ctx.users.create({ name: 'admin', role: 'admin' });
    const admin = await createApiToken(t.ctx, 'admin', 'test');
    const urls = { down: `http://127.0.0.1:${await closedPort()}/down`, slow: `${receiver.url}/slow`, fail: `${receiver.url}/fail` };
    for (const [name, url] of Object.entries(urls) as [keyof typeof hooks, string][]) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/webhooks', headers: { authorization: `Bearer ${admin}` },
        payload: { name, url, events: ['run.requested', 'run.completed'], secret: 'whsec_reliability-test-secret' },
      });
      expect(res.statusCode, res.body).toBe(201);
      hooks[name] = (res.json() as { id: string }).id;
    }
  });
  afterAll(async () => {
    await t?.ctx.webhookQueue.queue.obliterate({ force: true }).catch(() => undefined);
    await t?.close();
    await receiver.close();
  });

  it('runs finish while the deliveries of their own events are still being retried', async () => {
    const started = Date.now();
    const runs = await Promise.all(t.lab.devices.map((d) =>
      requestRun(t.ctx.requestDeps, { workflow: 'show-version', target: d.name, params: {}, source: 'api', requester })));
    for (const { run } of runs) expect(await waitForRun(t, run.id, 20_000)).toBe('succeeded');
    const runsMs = Date.now() - started;
    // Each run.requested delivery needs ≥ 3 retries (≥ 1.4 s of back-off) before it can give up: none may have ended yet.
    for (const id of Object.values(hooks)) {
      const { items } = await t.ctx.webhooks.deliveries(id, {}, { page: 1, perPage: 100 });
      const requested = items.filter((d) => d.event === 'run.requested');
      expect(requested).toHaveLength(runs.length);
      expect(requested.filter((d) => !['pending', 'retrying'].includes(d.status)).map((d) => d.status)).toEqual([]);
    }
    console.log(`[reliability] webhooks down/slow/500: ${runs.length} runs succeeded in ${runsMs} ms while their deliveries were retrying`);
  });

  it(`gives up on each after ${ATTEMPTS} attempts with growing back-off, records why, and warns in the audit log`, async () => {
    const finalOf = async (id: string) => (await t.ctx.webhooks.deliveries(id, {}, { page: 1, perPage: 100 })).items;
    const all = await until('every delivery final', async () => {
      const lists = await Promise.all(Object.values(hooks).map(finalOf));
      return lists.flat().length === 18 && lists.flat().every((d) => d.status === 'failed') && lists;
    }, 60_000, 200);
    const [down, slow, fail] = all;
    for (const d of all.flat()) expect(d.attempts).toBe(ATTEMPTS);
    for (const d of fail!) expect(d).toMatchObject({ responseCode: 500 });
    for (const d of down!) expect(d.error).toMatch(/ECONNREFUSED|refused/i);
    for (const d of slow!) expect(d.error).toMatch(/within 500 ms/);
    // Back-off between attempts of one delivery: about 200, 400, 800 ms (BullMQ exponential).
    const gaps = [...receiver.arrivals.entries()].filter(([k]) => k.startsWith('/fail:')).map(([, at]) => at.slice(1).map((x, i) => x - at[i]!));
    expect(gaps).toHaveLength(6);
    for (const g of gaps) {
      expect(g).toHaveLength(ATTEMPTS - 1);
      g.forEach((gap, i) => expect(gap, `retry ${i + 1} of ${JSON.stringify(g)}`).toBeGreaterThanOrEqual(BASE_MS * 2 ** i * 0.9));
    }
    const warnings = await t.ctx.audit.list({ type: 'WEBHOOK', level: 'WARNING' }, { page: 1, perPage: 100 });
    expect(warnings.items.filter((w) => w.action === 'webhook.delivery_failed').length).toBeGreaterThanOrEqual(18);
    console.log(`[reliability] webhook back-off gaps (ms) of the 500 receiver: ${JSON.stringify(gaps)}`);
  }, 90_000);
});
