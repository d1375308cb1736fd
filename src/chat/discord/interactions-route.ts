import type { APIInteraction } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { InteractionOutcome } from './interaction-outcome.ts';
import type { SignatureCheck } from './verify-signature.ts';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface InteractionsRouteOptions {
  checkSignature: SignatureCheck;
  handle(interaction: APIInteraction): Promise<InteractionOutcome>;
  /** Runs a follow-up once the initial response has been sent (tracked, errors logged). */
  runFollowUp(followUp: () => Promise<void>, interaction: APIInteraction): void;
  logger: Logger;
}

/**
 * `POST /discord/interactions` in its own encapsulated scope: the body stays raw bytes (the signature
 * covers them exactly), any bad or missing signature is a 401 — Discord probes with invalid ones and
 * removes endpoints that accept them — and follow-ups start only after the initial response is sent.
 */
export async function interactionsRoute(app: FastifyInstance, opts: InteractionsRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const pending = new WeakMap<object, { followUp: () => Promise<void>; interaction: APIInteraction }>();
    scope.addHook('onResponse', async (req) => {
      const next = pending.get(req);
      if (next) opts.runFollowUp(next.followUp, next.interaction);
    });
    scope.post(INTERACTIONS_PATH, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      if (!opts.checkSignature({ signature: header('x-signature-ed25519'), timestamp: header('x-signature-timestamp'), body })) {
        return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'invalid request signature' } });
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        // answered below
      }
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { type?: unknown }).type !== 'number') {
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'body is not an interaction' } });
      }
      const interaction = parsed as APIInteraction;
      const outcome = await opts.handle(interaction);
      if (outcome.followUp) pending.set(req, { followUp: outcome.followUp, interaction });
      return reply.code(200).send(outcome.response);
    });
  });
}
