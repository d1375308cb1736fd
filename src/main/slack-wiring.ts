import { SocketModeReceiver, webApi } from '@slack/bolt';
import { boltLogger } from '../chat/slack/bolt-logger.ts';
import { ChannelPacer } from '../chat/slack/channel-pacer.ts';
import { createSlackApp } from '../chat/slack/create-slack-app.ts';
import { FastifySlackReceiver } from '../chat/slack/fastify-slack-receiver.ts';
import { SlackAdapter } from '../chat/slack/slack-adapter.ts';
import { slackIdentity } from '../chat/slack/slack-identity.ts';
import { SlackPoster } from '../chat/slack/slack-poster.ts';
import { SlackRunThread } from '../chat/slack/slack-run-thread.ts';
import { slackSettingsFrom } from '../chat/slack/slack-settings.ts';
import { SlackStageReplies } from '../chat/slack/slack-stage-replies.ts';
import { SlackThreadNotifier } from '../chat/slack/slack-thread-notifier.ts';
import { ChatThreadMemory } from '../notify/chat-thread-memory.ts';
import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';

/** Builds the Slack adapter from config, or null when Slack is not configured (chat-wiring.ts says so). */
export async function createSlackAdapter(ctx: AppContext): Promise<ChatAdapter | null> {
  const settings = slackSettingsFrom(ctx.config);
  if (!settings) return null;
  const logger = ctx.logger.child({ component: 'slack' });
  const prefix = ctx.config.REDIS_PREFIX;
  // No retries inside the client: a blind retry after a lost response could post twice. SlackPoster
  // retries what is safe (429s) itself.
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: settings.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000, logger: boltLogger(logger),
  };
  const client = new webApi.WebClient(settings.botToken, clientOptions);
  const memory = new ChatThreadMemory(ctx.redis, prefix);
  const poster = new SlackPoster(client, new ChannelPacer(ctx.redis, prefix), logger);
  const thread = new SlackRunThread({
    runs: ctx.runs, workflows: ctx.workflows, devices: ctx.devices, users: ctx.users, poster, memory, redis: ctx.redis, prefix,
    publicUrl: ctx.config.publicUrl, approvalsChannel: settings.approvalsChannel, logger,
  });
  const notifier = new SlackThreadNotifier(thread, new SlackStageReplies({ poster, memory, publicUrl: ctx.config.publicUrl, logger }), logger);
  const identity = slackIdentity(client, logger);
  const httpReceiver = settings.mode === 'http' ? new FastifySlackReceiver({ signingSecret: settings.signingSecret ?? '', logger, admission: ctx.chatAdmission }) : null;
  const receiver = httpReceiver ?? new SocketModeReceiver({
    appToken: settings.appToken ?? '', logger: boltLogger(logger.child({ component: 'slack-socket' })),
    // Its own options: the socket client retries apps.connections.open when reconnecting.
    installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
  });
  const app = createSlackApp({
    receiver, botToken: settings.botToken, clientOptions, identity, logger,
    deliveries: new ChatThreadMemory(ctx.redis, prefix, 3600), admission: ctx.chatAdmission,
    handlers: {
      settings, users: ctx.users, thread, poster, logger,
      chat: { requestDeps: ctx.requestDeps, approvalDeps: ctx.approvalDeps, runs: ctx.runs, devices: ctx.devices, workflows: ctx.workflows, baseUrl: ctx.config.publicUrl },
    },
  });
  return new SlackAdapter({ settings, app, receiver: httpReceiver, notifier, identity, logger });
}
