import { App, type Receiver, type webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatAdmission } from '../../core/chat/chat-admission.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import { boltLogger } from './bolt-logger.ts';
import { deliveryGate } from './delivery-gate.ts';
import { registerApprovalClicks } from './handle-approval-click.ts';
import { registerRejectModal } from './handle-reject-modal.ts';
import { registerRunModal } from './handle-run-modal.ts';
import { registerSlashCommand } from './handle-slash-command.ts';
import type { SlackHandlerDeps } from './slack-handler-deps.ts';
import type { SlackBotIdentity } from './slack-identity.ts';

export interface CreateSlackAppInput {
  receiver: Receiver;
  botToken: string;
  clientOptions: webApi.WebClientOptions;
  identity: () => Promise<SlackBotIdentity>;
  deliveries: ChatThreadMemory;
  /** Bounds the slash commands worked on at once; shared with Discord in the same process. */
  admission: ChatAdmission;
  handlers: SlackHandlerDeps;
  logger: Logger;
}

/** The Bolt app with our listeners; authorisation is the bot token plus the remembered auth.test. */
export function createSlackApp(input: CreateSlackAppInput): App {
  const app = new App({
    receiver: input.receiver,
    logger: boltLogger(input.logger.child({ component: 'slack-bolt' })),
    clientOptions: input.clientOptions,
    // No conversation store: unused, and its per-event lookup threw (and built) an Error on every delivery.
    convoStore: false,
    authorize: async () => {
      const id = await input.identity();
      return { botToken: input.botToken, botId: id.botId, botUserId: id.botUserId };
    },
  });
  app.use(deliveryGate({ admission: input.admission, seen: input.deliveries, logger: input.logger }));
  registerSlashCommand(app, input.handlers);
  registerApprovalClicks(app, input.handlers);
  registerRejectModal(app, input.handlers);
  registerRunModal(app, input.handlers);
  app.error(async (err) => {
    input.logger.error({ err: err.message, code: err.code }, 'Slack listener error');
  });
  return app;
}
