import type { App } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { NetOpsError } from '../../core/errors/index.ts';
import type { ChatAdapter, ChatConnectionStatus } from '../../main/chat-adapter.ts';
import { statusProbe } from '../../main/chat-status-probe.ts';
import type { ChatThreadNotifier } from '../../notify/chat-thread-notifier.ts';
import type { FastifySlackReceiver } from './fastify-slack-receiver.ts';
import { describeSlackError } from './slack-api-error.ts';
import type { SlackBotIdentity } from './slack-identity.ts';
import type { SlackSettings } from './slack-settings.ts';

// Start-up never hangs on Slack: Socket Mode keeps reconnecting in the background after this.
const CONNECT_WAIT_MS = 10_000;

export interface SlackAdapterParts {
  settings: SlackSettings;
  app: App;
  /** HTTP mode only. */
  receiver: FastifySlackReceiver | null;
  notifier: ChatThreadNotifier;
  identity: () => Promise<SlackBotIdentity>;
  logger: Logger;
}

/** Slack plugged into the process: /slack/events (HTTP mode) or a Socket Mode connection, and the thread notifier. */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly notifier: ChatThreadNotifier;
  private state: 'idle' | 'connecting' | 'connected' | 'stopped' = 'idle';
  private team: string | null = null;

  /** auth.test with the bot token: proves the token and that Slack's Web API is reachable. */
  private readonly probe = statusProbe(async () => {
    try {
      const r = await this.parts.app.client.auth.test({ token: this.parts.settings.botToken });
      return `auth.test ok: ${r.user ?? 'bot'} in ${r.team ?? 'the workspace'}`;
    } catch (err) {
      throw new Error(`auth.test failed: ${describeSlackError(err)}`);
    }
  });

  constructor(private readonly parts: SlackAdapterParts) {
    this.notifier = parts.notifier;
  }

  async status(): Promise<ChatConnectionStatus> {
    const mode = this.parts.settings.mode === 'socket' ? 'Socket Mode' : 'HTTP events';
    const auth = await this.probe();
    if (!auth.ok) return { state: 'error', mode, detail: auth.detail, checkedAt: auth.at };
    if (this.parts.settings.mode === 'socket' && this.state !== 'connected') {
      return { state: this.state === 'connecting' ? 'connecting' : 'error', mode, detail: `Socket Mode ${this.state === 'connecting' ? 'connecting (retrying in the background)' : `not started (${this.state})`}; ${auth.detail}`, checkedAt: auth.at };
    }
    return { state: 'connected', mode, detail: auth.detail, checkedAt: auth.at };
  }

  async registerRoutes(fastify: FastifyInstance): Promise<void> {
    if (this.parts.settings.mode !== 'http') return;
    if (!this.parts.receiver || !this.parts.settings.signingSecret) {
      throw new NetOpsError('CONFIG_INVALID', 'Invalid configuration: SLACK_SIGNING_SECRET: required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    }
    await this.parts.receiver.register(fastify);
  }

  async start(): Promise<void> {
    // Checks the token early so a bad one shows in the start-up log, not at the first command.
    void this.parts.identity().then((id) => { this.team = id.team; }, () => undefined);
    if (this.parts.settings.mode !== 'socket') return;
    this.state = 'connecting';
    const connected = this.parts.app.start().then(() => { if (this.state === 'connecting') this.state = 'connected'; });
    connected.catch((err: unknown) => this.parts.logger.error({ slackError: describeSlackError(err) }, 'Slack Socket Mode failed to connect'));
    await Promise.race([connected.catch(() => undefined), new Promise((r) => setTimeout(r, CONNECT_WAIT_MS).unref())]);
  }

  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') return;
    this.state = 'stopped';
    await this.parts.app.stop().catch(() => undefined);
  }

  describe(): string {
    const { settings } = this.parts;
    const team = this.team ? ` to ${this.team}` : '';
    if (settings.mode === 'socket') {
      return `Slack: Socket Mode ${this.state === 'connected' ? `connected${team}` : 'connecting (retrying in the background)'}, command ${settings.command}`;
    }
    return `Slack: HTTP mode, Slack sends to ${settings.publicUrl}/slack/events, command ${settings.command}`;
  }
}
