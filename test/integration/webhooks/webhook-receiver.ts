import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { event: string; delivery: string; timestamp: string; data: Record<string, unknown> };
}

type Reply = { status: number; body?: string };

/**
 * A third-party webhook receiver on 127.0.0.1: records every request and answers per path with the
 * replies queued for it (then 200 "ok"). Tests await requests with waitFor, never a fixed sleep.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies = new Map<string, Reply[]>();
  private waiters: { match: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest) => void }[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const received: ReceivedRequest = { path, method: req.method ?? '', headers: req.headers, body, json: JSON.parse(body || '{}') as ReceivedRequest['json'] };
        this.requests.push(received);
        const reply = this.replies.get(path)?.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
        for (const w of this.waiters.filter((x) => x.match(received))) w.resolve(received);
        this.waiters = this.waiters.filter((x) => !x.match(received));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next requests to `path` get these answers, in order. */
  answer(path: string, ...replies: Reply[]): void {
    this.replies.set(path, [...(this.replies.get(path) ?? []), ...replies]);
  }

  /** Resolves with the first request (already received or to come) that matches. */
  waitFor(match: (r: ReceivedRequest) => boolean, timeoutMs = 15_000): Promise<ReceivedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching webhook request within ${timeoutMs} ms; got ${this.requests.map((r) => `${r.path} ${r.json.event}`).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
