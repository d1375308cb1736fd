import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AdmissionTicket, ChatAdmission } from '../../core/chat/chat-admission.ts';
import { ADMISSION_TICKET, slackBusyAnswer } from './delivery-gate.ts';
import { parseSlackBody } from './parse-slack-body.ts';
import { verifySlackSignature } from './verify-slack-signature.ts';

export interface FastifySlackReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Default /slack/events: slash commands, interactivity and events all arrive here. */
  path?: string;
  /** If a listener has not acked by then, answer 200 anyway: Slack shows a timeout after 3 s. */
  ackTimeoutMs?: number;
  nowSeconds?: () => number;
  /**
   * Admission control, decided here for slash commands so the common answers skip Bolt: admitted, the ack
   * goes out at once and the ticket rides in the context to the delivery gate; refused (and not a retry), the
   * busy answer goes out at once. Retries refused for room go through Bolt: the gate checks they are new.
   */
  admission?: ChatAdmission;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * A Bolt receiver on our Fastify server. It keeps the raw body for the signature, refuses anything
 * unsigned, wrongly signed or older than 300 s with 401 before Bolt sees it, and answers the HTTP
 * request as soon as the listener acks (or admission control decided), while the listener goes on working.
 * The ack path is kept to signature, parse, admission decision and answer.
 */
export class FastifySlackReceiver implements Receiver {
  private app: App | null = null;

  constructor(private readonly opts: FastifySlackReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // The Fastify server owns the socket: nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      // Encapsulated: only this route gets the raw-string parser, the rest of the app keeps its own.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(this.opts.path ?? '/slack/events', (req, reply) => this.handle(req, reply));
    });
  }

  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const rawBody = typeof req.body === 'string' ? req.body : '';
    const verdict = verifySlackSignature({
      signingSecret: this.opts.signingSecret, rawBody,
      timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'),
      ...(this.opts.nowSeconds ? { nowSeconds: this.opts.nowSeconds() } : {}),
    });
    if (!verdict.ok) {
      this.opts.logger.warn({ reason: verdict.reason, ip: req.ip }, 'Slack request refused: bad signature');
      return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: `Slack signature ${verdict.reason}` } });
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(rawBody, header(req, 'content-type'));
    } catch {
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'unreadable Slack payload' } });
    }
    if (body.type === 'url_verification') return reply.send({ challenge: body.challenge });
    const app = this.app;
    if (!app) return reply.code(503).send();
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const isRetry = Number.isFinite(retryNum) && retryNum > 0;
    let ticket: AdmissionTicket | null = null;
    if (this.opts.admission && typeof body.command === 'string') {
      ticket = this.opts.admission.admit('slack');
      if (!ticket && !isRetry) return this.answer(reply, slackBusyAnswer(body.command, typeof body.text === 'string' ? body.text : ''));
    }

    let settle: (response: unknown) => void = () => undefined;
    const acked = new Promise<unknown>((resolve) => { settle = resolve; });
    let done = false;
    const ack = async (response?: unknown) => {
      if (done) return;
      done = true;
      settle(response);
    };
    const event: ReceiverEvent = {
      body, ack,
      ...(ticket ? { customProperties: { [ADMISSION_TICKET]: ticket } } : {}),
      ...(isRetry ? { retryNum } : {}),
      ...(header(req, 'x-slack-retry-reason') ? { retryReason: header(req, 'x-slack-retry-reason') } : {}),
    };
    // Not awaited: the HTTP answer goes out at ack; the listener keeps working after it. A ticket Bolt never
    // handed to the gate (e.g. authorisation failed) gives its place back.
    void app.processEvent(event).catch((err: unknown) => {
      this.opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Slack listener failed');
      void ack();
    }).finally(() => ticket?.release());
    if (ticket) {
      // Admitted: nothing the listener could add to the ack (slash command answers go to response_url).
      void ack();
      return reply.code(200).send('');
    }
    const timer = setTimeout(() => void ack(), this.opts.ackTimeoutMs ?? 2500);
    const response = await acked;
    clearTimeout(timer);
    return this.answer(reply, response);
  }

  private answer(reply: FastifyReply, response: unknown): FastifyReply {
    if (response === undefined || response === '') return reply.code(200).send('');
    if (typeof response === 'string') return reply.code(200).type('text/plain; charset=utf-8').send(response);
    return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(response));
  }
}
