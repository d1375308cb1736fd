import { App, type Middleware, type AnyMiddlewareArgs, type Receiver, type webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerApprovalClicks } from './handle-approval-click.ts';
import { registerRejectModal } from './handle-reject-modal.ts';
import { registerRunModal } from './handle-run-modal.ts';
import { registerSlashCommand } from './handle-slash-command.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import type { SlackBotIdentity } from './slack-identity.ts';

/** Slack's unique id of one delivery: the same id again is a retry or a replay. */
function deliveryId(body: Record<string, unknown>): string | null {
  const id = body.trigger_id ?? body.event_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Drops a delivery already seen (X-Slack-Retry-Num retries, Socket Mode redeliveries): it is acked,
 * nothing runs twice. Requests also carry the trigger_id as idempotency key, a second line of defence.
 */
function dedupeDeliveries(seen: ChatThreadMemory, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const id = deliveryId(args.body as Record<string, unknown>);
    if (id && !(await seen.claim(`slack:delivery:${id}`))) {
      logger.info({ deliveryId: id, retryNum: args.context.retryNum }, 'duplicate Slack delivery ignored');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await args.next();
  };
}

export interface CreateSlackAppInput {
  receiver: Receiver;
  botToken: string;
  clientOptions: webApi.WebClientOptions;
  identity: () => Promise<SlackBotIdentity>;
  deliveries: ChatThreadMemory;
  handlers: SlackHandlerDeps;
  logger: Logger;
}

/** The Bolt app with our listeners; authorisation is the bot token plus the remembered auth.test. */
export function createSlackApp(input: CreateSlackAppInput): App {
  const app = new App({
    receiver: input.receiver,
    logger: boltLogger(input.logger.child({ component: 'slack-bolt' })),
    clientOptions: input.clientOptions,
    authorize: async () => {
      const id = await input.identity();
      return { botToken: input.botToken, botId: id.botId, botUserId: id.botUserId };
    },
  });
  app.use(dedupeDeliveries(input.deliveries, input.logger));
  registerSlashCommand(app, input.handlers);
  registerApprovalClicks(app, input.handlers);
  registerRejectModal(app, input.handlers);
  registerRunModal(app, input.handlers);
  app.error(async (err) => {
    input.logger.error({ err: err.message, code: err.code }, 'Slack listener error');
  });
  return app;
}
