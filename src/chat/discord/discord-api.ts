import type {
  APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIInteractionResponse,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/** A file attached to a message (long command output, a diff). */
export interface DiscordFile {
  name: string;
  data: Buffer;
}

/** What NetOps sends as a message body: everything optional, mentions never ping. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: DiscordFile[];
  /** 64 = ephemeral (interaction replies only). */
  flags?: number;
}

/** A message posted with the bot token: `nonce` makes a retried post return the first message. */
export interface NewChannelMessage extends DiscordMessage {
  nonce?: string;
  /** Replies to this message (used when a thread cannot be started). */
  replyTo?: string;
}

/**
 * The Discord REST calls NetOps makes. Channel calls use the bot token (runs outlive the 15-minute
 * interaction token); interaction calls use the interaction's own token. Rate limits (buckets, 429
 * `retry_after`, the global limit) are the implementation's business: callers just await.
 */
export interface DiscordApi {
  createMessage(channelId: string, message: NewChannelMessage): Promise<{ id: string; channelId: string }>;
  editMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void>;
  /** Starts a public thread on a message; its id is the thread's channel id. */
  startThread(channelId: string, messageId: string, name: string): Promise<{ id: string }>;
  /** The initial response of a gateway interaction (HTTP interactions answer in the HTTP response). */
  respondToInteraction(interactionId: string, token: string, response: APIInteractionResponse): Promise<void>;
  editOriginalResponse(applicationId: string, token: string, message: DiscordMessage): Promise<void>;
  followUp(applicationId: string, token: string, message: DiscordMessage): Promise<void>;
  /** Bulk overwrite: afterwards the application (or guild) has exactly these commands. */
  putCommands(applicationId: string, guildId: string | null, commands: RESTPostAPIChatInputApplicationCommandsJSONBody[]): Promise<{ id: string; name: string }[]>;
}
