import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call or response_url post Slack received. */
export interface FakeSlackCall { method: string; body: string }

/**
 * Slack's Web API and response_url hooks as a local HTTP server, for processes a benchmark or test starts
 * (nock only sees its own process). Every call is recorded; every method answers ok.
 */
export interface FakeSlackServer {
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** Base for response_url values in request bodies. */
  hooksUrl: string;
  calls: FakeSlackCall[];
  count(method: string): number;
  close(): Promise<void>;
}

export async function startFakeSlackServer(): Promise<FakeSlackServer> {
  const calls: FakeSlackCall[] = [];
  let seq = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path.startsWith('/hooks/')) {
        calls.push({ method: 'response_url', body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      calls.push({ method, body });
      const params = new URLSearchParams(body);
      const channel = params.get('channel') ?? (/"channel"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? 'C0');
      const ts = `1700000000.${String(++seq).padStart(6, '0')}`;
      const answer: Record<string, unknown> =
        method === 'auth.test' ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team: 'Bench Team', team_id: 'T0BENCH' }
          : method === 'chat.postMessage' ? { ok: true, channel, ts }
            : method === 'chat.update' ? { ok: true, channel, ts: params.get('ts') ?? ts }
              : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`, hooksUrl: `${base}/hooks`, calls,
    count: (method) => calls.filter((c) => c.method === method).length,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
