import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One request Discord's REST API received. */
export interface FakeCall {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages (`%40original` decoded to `@original`). */
  path: string;
  authorization: string | null;
  /** JSON body, or `payload_json` of a multipart body. */
  body: Record<string, unknown> | unknown[] | null;
  files: { name: string; text: string }[];
  status: number;
}

interface Fault {
  match: (method: string, path: string) => boolean;
  status: number;
  retryAfter?: number;
  code?: number;
}

/**
 * A local stand-in for Discord: the REST API under /api/v10 (records every call, can answer 429 or other
 * errors once) and a gateway WebSocket speaking HELLO / IDENTIFY / READY / dispatches. Nothing leaves
 * the machine.
 */
export class FakeDiscord {
  readonly calls: FakeCall[] = [];
  readonly identifies: Record<string, unknown>[] = [];
  private readonly events = new EventEmitter();
  private readonly faults: Fault[] = [];
  private readonly holds: { match: (method: string, path: string) => boolean; until: Promise<void> }[] = [];
  private readonly nonces = new Map<string, Record<string, unknown>>();
  private readonly commandIds = new Map<string, string>();
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  private nextId = 1_000_000_000_000_000_000n;
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (ws) => this.onGateway(ws));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  id(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** The next request matching `match` gets this error instead (once). */
  failNext(match: (method: string, path: string) => boolean, fault: Omit<Fault, 'match'>): void {
    this.faults.push({ match, ...fault });
  }

  /** Discord takes its time: matching requests get no answer until the returned function is called. */
  hold(match: (method: string, path: string) => boolean): () => void {
    let release: () => void = () => undefined;
    const entry = { match, until: new Promise<void>((resolve) => { release = resolve; }) };
    this.holds.push(entry);
    return () => {
      this.holds.splice(this.holds.indexOf(entry), 1);
      release();
    };
  }

  /** Resolves with the first recorded call (already made or coming) that satisfies `predicate`. */
  waitFor(predicate: (c: FakeCall) => boolean, timeoutMs = 20_000): Promise<FakeCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', listener);
        reject(new Error(`no matching Discord call in ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`));
      }, timeoutMs);
      const listener = (c: FakeCall) => {
        if (!predicate(c)) return;
        clearTimeout(timer);
        this.events.off('call', listener);
        resolve(c);
      };
      this.events.on('call', listener);
    });
  }

  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every connected session. */
  dispatch(t: string, d: unknown): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(payload);
  }

  waitForIdentify(timeoutMs = 10_000): Promise<Record<string, unknown>> {
    if (this.identifies[0]) return Promise.resolve(this.identifies[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no IDENTIFY')), timeoutMs);
      this.events.once('identify', (d: Record<string, unknown>) => {
        clearTimeout(timer);
        resolve(d);
      });
    });
  }

  private onGateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        this.identifies.push(msg.d);
        this.events.emit('identify', msg.d);
        ws.send(JSON.stringify({
          op: 0, t: 'READY', s: ++this.seq,
          d: {
            v: 10, session_id: 'fake-session', resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`, guilds: [], shard: [0, 1],
            user: { id: '900000000000000001', username: 'netops-bot', discriminator: '0', global_name: null, avatar: null, bot: true },
            application: { id: '900000000000000002', flags: 0 },
          },
        }));
      }
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/api\/v10/, '');
    const { body, files } = await parseBody(req.headers['content-type'] ?? '', raw);
    await this.holds.find((h) => h.match(method, path))?.until;
    const call: FakeCall = { method, path, authorization: req.headers.authorization ?? null, body, files, status: 200 };
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      this.calls.push(call);
      this.events.emit('call', call);
      // 204 No Content carries no body and no content type, as Discord answers an interaction callback
      res.writeHead(status, payload === null ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === null ? undefined : JSON.stringify(payload));
    };
    const faultAt = this.faults.findIndex((f) => f.match(method, path));
    if (faultAt >= 0) {
      const [fault] = this.faults.splice(faultAt, 1);
      if (fault?.status === 429) {
        const after = String(fault.retryAfter ?? 0.2);
        send(429, { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 0.2, global: false }, {
          'retry-after': after, 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': after, 'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': 'user',
        });
      } else {
        send(fault?.status ?? 500, { message: 'Fake failure', code: fault?.code ?? 0 });
      }
      return;
    }
    this.route(method, path, call, send);
  }

  private route(method: string, path: string, call: FakeCall, send: (status: number, payload: unknown) => void): void {
    const body = (call.body && !Array.isArray(call.body) ? call.body : {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/users/@me') return send(200, { id: '999000000000000001', username: 'netops-fake-bot', bot: true });
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const nonce = typeof body.nonce === 'string' && body.enforce_nonce ? body.nonce : null;
      const existing = nonce ? this.nonces.get(nonce) : undefined;
      if (existing) return send(200, existing);
      const message = { id: this.id(), channel_id: m[1], content: body.content ?? '', embeds: body.embeds ?? [], components: body.components ?? [] };
      if (nonce) this.nonces.set(nonce, message);
      return send(200, message);
    }
    if (method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) return send(200, { id: m[2], channel_id: m[1], ...body });
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      return send(201, { id: this.id(), type: 11, parent_id: m[1], name: body.name });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204, null);
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return send(200, { id: this.id(), ...body });
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, { id: this.id(), ...body });
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = (Array.isArray(call.body) ? call.body : []) as { name: string }[];
      return send(200, commands.map((c) => {
        const key = `${path}:${c.name}`;
        if (!this.commandIds.has(key)) this.commandIds.set(key, this.id());
        return { ...c, id: this.commandIds.get(key) };
      }));
    }
    return send(404, { message: `Unknown route ${method} ${path}`, code: 0 });
  }
}

async function parseBody(contentType: string, raw: Buffer): Promise<{ body: FakeCall['body']; files: FakeCall['files'] }> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: FakeCall['files'] = [];
    let body: FakeCall['body'] = null;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json') body = JSON.parse(String(value)) as Record<string, unknown>;
      else if (typeof value !== 'string') files.push({ name: value.name, text: await value.text() });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  return new FakeDiscord().start();
}
