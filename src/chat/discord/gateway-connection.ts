import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, type APIInteraction } from 'discord.js';
import type { Logger } from 'pino';
import { NetOpsError } from '../../core/errors/index.ts';

export interface GatewayOptions {
  token: string;
  /** REST base (DISCORD_API_URL): discord.js asks it for the gateway URL (GET /gateway/bot). */
  apiUrl: string;
  onInteraction(interaction: APIInteraction): void;
  logger: Logger;
  /** First wait before logging in again after Discord could not be reached (doubles up to a minute; default 5 s). */
  retryMs?: number;
}

/**
 * The discord.js gateway connection. Only the Guilds intent: slash commands and buttons need no more.
 * Interactions are taken raw (INTERACTION_CREATE) so the gateway and the HTTP endpoint share one handler.
 * A refused token stops start-up; Discord being unreachable does not: login is retried in the background.
 */
export class GatewayConnection {
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  lastError: string | null = null;

  constructor(private readonly opts: GatewayOptions) {}

  get user(): string | null {
    return this.client?.isReady() ? this.client.user.tag : null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.login(this.opts.retryMs ?? 5000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.destroy();
  }

  private async login(nextWaitMs: number): Promise<void> {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: this.opts.apiUrl.replace(/\/+$/, '') } });
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => this.opts.onInteraction(data));
    client.on(Events.Error, (err) => this.opts.logger.error({ err: err.message }, 'Discord gateway error'));
    client.on(Events.ShardDisconnect, (event, shard) => this.opts.logger.warn({ code: event.code, shard }, 'Discord gateway disconnected'));
    client.on(Events.ShardReconnecting, (shard) => this.opts.logger.info({ shard }, 'Discord gateway reconnecting'));
    this.client = client;
    try {
      await client.login(this.opts.token);
      this.lastError = null;
    } catch (err) {
      this.client = null;
      const e = err as { code?: string; message?: string };
      if (e.code === 'TokenInvalid') throw new NetOpsError('CONFIG_INVALID', 'DISCORD_TOKEN was refused by Discord: copy the bot token from the Developer Portal (Bot → Reset Token).');
      this.lastError = e.message ?? String(err);
      if (this.stopped) return;
      this.opts.logger.error({ err: this.lastError, retryInMs: nextWaitMs }, 'Discord gateway: could not connect; retrying');
      this.retry = setTimeout(() => {
        this.retry = null;
        this.login(Math.min(nextWaitMs * 2, 60_000)).catch((again: unknown) => this.opts.logger.error({ err: String(again) }, 'Discord gateway: login refused'));
      }, nextWaitMs);
      this.retry.unref();
    }
  }
}
