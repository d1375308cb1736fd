import type { ResolvedAddress } from './webhook-target.ts';

export interface WebhookHttpRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The address the SSRF guard checked: the sender connects there, never re-resolving the host. */
  address: ResolvedAddress;
  timeoutMs: number;
}

export interface WebhookHttpResponse {
  status: number;
  /** At most the first 1 kB of the response body. */
  bodyExcerpt: string;
  location: string | null;
}

/**
 * Sends one webhook HTTP request. Does not follow redirects. Rejects on connection errors and on
 * timeout (the whole exchange, headers and excerpt, must finish within timeoutMs).
 */
export interface WebhookSender {
  send(request: WebhookHttpRequest): Promise<WebhookHttpResponse>;
}
