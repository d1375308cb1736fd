import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../../src/notify/webhooks/http-webhook-sender.ts';

describe('HttpWebhookSender (node:http against a local server)', () => {
  let server: Server;
  let port: number;
  const seen: { headers: IncomingHttpHeaders; body: string; method: string }[] = [];
  const sender = new HttpWebhookSender();
  const send = (path: string, timeoutMs = 2000) =>
    sender.send({
      // The host name does not resolve: the request can only arrive through the pinned, checked address.
      url: new URL(`http://hooks.netops.invalid:${port}${path}`), method: 'PUT', headers: { 'x-netops-event': 'ping' }, body: '{"hello":"world"}',
      address: { address: '127.0.0.1', family: 4 }, timeoutMs,
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body, method: req.method ?? '' });
        if (req.url === '/big') return res.writeHead(200).end('y'.repeat(100_000));
        if (req.url === '/redirect') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 1500);
        res.writeHead(201).end('created');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('connects to the pinned address while the Host header keeps the URL host', async () => {
    expect(await send('/ok')).toEqual({ status: 201, bodyExcerpt: 'created', location: null });
    expect(seen[0]).toMatchObject({ method: 'PUT', body: '{"hello":"world"}', headers: { host: `hooks.netops.invalid:${port}`, 'x-netops-event': 'ping', 'content-length': '17' } });
  });

  it('keeps only the first 1 kB of a large answer, and does not follow redirects', async () => {
    expect((await send('/big')).bodyExcerpt).toBe('y'.repeat(1024));
    expect(await send('/redirect')).toMatchObject({ status: 302, location: 'http://169.254.169.254/' });
    expect(seen.filter((s) => s.method === 'PUT')).toHaveLength(3);
  });

  it('gives up after the timeout', async () => {
    await expect(send('/slow', 300)).rejects.toThrow(/no complete answer within 300 ms/);
  });
});
