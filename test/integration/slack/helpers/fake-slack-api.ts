import nock from 'nock';

/** One Web API call as Slack would have received it. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  at: number;
  /** What the fake answered (e.g. the ts of a posted message). */
  result: Record<string, unknown> | null;
}

interface Failure { status: number; retryAfter?: number; error?: string }

function parseArgs(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(String(body ?? ''))) {
    // WebClient sends nested values (blocks, view) as JSON strings inside the form.
    out[k] = /^[[{]/.test(v) ? (() => { try { return JSON.parse(v); } catch { return v; } })() : v;
  }
  return out;
}

/**
 * Slack's Web API, response_url hooks and file upload host, faked with nock. Records every call so
 * tests assert exactly what Slack would have seen; `failNext` injects a 429 or an error answer.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly responses: { url: string; body: Record<string, unknown> }[] = [];
  readonly uploads: { url: string; body: string }[] = [];
  socketUrl = '';
  private readonly failures = new Map<string, Failure[]>();
  private readonly held = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(readonly origin = 'https://slack.test', readonly hooks = 'https://hooks.slack.test', readonly files = 'https://files.slack.test') {}

  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  install(): void {
    nock(this.origin).persist().post(/^\/api\//).reply(async (uri, body) => {
      const method = uri.replace(/^\/api\//, '').split('?')[0] ?? '';
      await this.held.get(method);
      return this.answer(method, body);
    });
    nock(this.hooks).persist().post(/.*/).reply((uri, body) => {
      this.responses.push({ url: `${this.hooks}${uri}`, body: parseArgs(body) });
      return [200, 'ok'];
    });
    nock(this.files).persist().post(/.*/).reply((uri, body) => {
      this.uploads.push({ url: `${this.files}${uri}`, body: String(body) });
      return [200, 'OK'];
    });
  }

  /** Slack takes its time: calls of `method` get no answer until the returned function is called. */
  hold(method: string): () => void {
    let release: () => void = () => undefined;
    this.held.set(method, new Promise<void>((resolve) => { release = resolve; }));
    return () => {
      this.held.delete(method);
      release();
    };
  }

  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** Calls of `method` that Slack accepted (HTTP 200, ok: true). */
  ok(method: string, where: (args: Record<string, unknown>) => boolean = () => true): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && where(c.args));
  }

  async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; Slack saw: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private answer(method: string, body: unknown): [number, string | Record<string, unknown>, Record<string, string>?] {
    const args = parseArgs(body);
    const failure = this.failures.get(method)?.shift();
    const call: SlackCall = { method, args, status: failure?.status ?? 200, at: Date.now(), result: null };
    this.calls.push(call);
    if (failure?.status === 429) return [429, '', { 'Retry-After': String(failure.retryAfter ?? 1) }];
    if (failure) {
      // Slack answers platform errors with HTTP 200 and ok:false: count them as refused, not accepted.
      call.status = failure.status === 200 ? 400 : failure.status;
      return [failure.status, { ok: false, error: failure.error ?? 'internal_error' }];
    }
    const [status, result] = this.success(method, args);
    call.result = result;
    if (result.ok === false) call.status = 400;
    return [status, result];
  }

  private success(method: string, args: Record<string, unknown>): [number, Record<string, unknown>] {
    const ts = () => `1700000000.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test': return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team: 'Test Team', team_id: 'T0TEST' }];
      case 'chat.postMessage': return [200, { ok: true, channel: String(args.channel), ts: ts() }];
      case 'chat.update': return [200, { ok: true, channel: String(args.channel), ts: String(args.ts) }];
      case 'chat.postEphemeral': return [200, { ok: true, message_ts: ts() }];
      case 'views.open':
      case 'views.update': return [200, { ok: true, view: { id: 'VTEST', hash: 'h1' } }];
      case 'files.getUploadURLExternal': return [200, { ok: true, upload_url: `${this.files}/upload/v1/F${++this.seq}`, file_id: `F${this.seq}` }];
      case 'files.completeUploadExternal': return [200, { ok: true, files: [{ id: 'F1', title: 'output' }] }];
      case 'apps.connections.open': return [200, { ok: true, url: this.socketUrl }];
      default: return [200, { ok: true }];
    }
  }
}
