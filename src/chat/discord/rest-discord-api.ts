import { REST, Routes, type RawFile } from 'discord.js';
import type { APIMessage, APIThreadChannel, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordApi, DiscordMessage, NewChannelMessage } from './discord-api.ts';

export interface RestDiscordApiOptions {
  /** REST base, e.g. https://discord.com/api (DISCORD_API_URL). */
  apiUrl: string;
  /** Bot token; interaction calls work without it. */
  token: string | null;
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number;
}

// A message never pings anyone: params and device output are not allowed to @everyone.
const NO_MENTIONS = { parse: [] as never[] };

function toRequest(message: DiscordMessage & { nonce?: string; replyTo?: string }): { body: Record<string, unknown>; files: RawFile[] | undefined } {
  const { files, replyTo, nonce, ...rest } = message;
  const body: Record<string, unknown> = { ...rest, allowed_mentions: NO_MENTIONS };
  if (nonce) Object.assign(body, { nonce, enforce_nonce: true });
  if (replyTo) body.message_reference = { message_id: replyTo, fail_if_not_exists: false };
  if (files?.length) body.attachments = files.map((f, id) => ({ id, filename: f.name }));
  return { body, files: files?.length ? files.map((f) => ({ name: f.name, data: f.data, contentType: 'text/plain; charset=utf-8' })) : undefined };
}

/**
 * DiscordApi on @discordjs/rest: it queues requests per rate-limit bucket, honours `retry_after` on a 429
 * and keeps under the global limit, so callers never burst beyond Discord's buckets.
 */
export class RestDiscordApi implements DiscordApi {
  readonly rest: REST;

  constructor(opts: RestDiscordApiOptions) {
    this.rest = new REST({ api: opts.apiUrl.replace(/\/+$/, ''), version: '10', timeout: opts.timeoutMs ?? 15_000 });
    if (opts.token) this.rest.setToken(opts.token);
  }

  async createMessage(channelId: string, message: NewChannelMessage): Promise<{ id: string; channelId: string }> {
    const { body, files } = toRequest(message);
    const created = (await this.rest.post(Routes.channelMessages(channelId), { body, files })) as APIMessage;
    return { id: created.id, channelId: created.channel_id };
  }

  async editMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    const { body, files } = toRequest(message);
    await this.rest.patch(Routes.channelMessage(channelId, messageId), { body, files });
  }

  async startThread(channelId: string, messageId: string, name: string): Promise<{ id: string }> {
    const thread = (await this.rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } })) as APIThreadChannel;
    return { id: thread.id };
  }

  async respondToInteraction(interactionId: string, token: string, response: object): Promise<void> {
    await this.rest.post(Routes.interactionCallback(interactionId, token), { body: response, auth: false });
  }

  async editOriginalResponse(applicationId: string, token: string, message: DiscordMessage): Promise<void> {
    const { body, files } = toRequest(message);
    await this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, files, auth: false });
  }

  async followUp(applicationId: string, token: string, message: DiscordMessage): Promise<void> {
    const { body, files } = toRequest(message);
    await this.rest.post(Routes.webhook(applicationId, token), { body, files, auth: false });
  }

  async putCommands(applicationId: string, guildId: string | null, commands: RESTPostAPIChatInputApplicationCommandsJSONBody[]): Promise<{ id: string; name: string }[]> {
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    return (await this.rest.put(route, { body: commands })) as { id: string; name: string }[];
  }
}
