import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookHttpRequest, WebhookHttpResponse, WebhookSender } from '../../core/webhooks/webhook-sender.ts';

/** The stored response excerpt: enough to see an error message, never a whole page. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/**
 * node:http(s) sender. The socket connects to the address the SSRF guard checked (a lookup that
 * answers only that address), while the URL's host still names the Host header and the TLS server
 * name, so certificates are verified as usual. No agent: a pooled socket could point at an old address.
 */
export class HttpWebhookSender implements WebhookSender {
  send(req: WebhookHttpRequest): Promise<WebhookHttpResponse> {
    const { address, family } = req.address;
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = req.url.protocol === 'https:' ? https : http;
    return new Promise<WebhookHttpResponse>((resolve, reject) => {
      const request = client.request(req.url, {
        method: req.method,
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: pinned,
        agent: false,
      });
      const timer = setTimeout(() => request.destroy(new Error(`no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      request.on('error', (err) => done(() => reject(err)));
      request.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let settled = false;
        const finish = () => {
          if (settled) return;
          settled = true;
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          done(() => resolve({ status: res.statusCode ?? 0, bodyExcerpt: excerpt, location: res.headers.location ?? null }));
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) finish(); // the rest of a large body is not needed
        });
        res.on('end', finish);
        res.on('error', finish);
      });
      request.end(req.body);
    });
  }
}
