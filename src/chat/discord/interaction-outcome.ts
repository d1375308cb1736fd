import { InteractionResponseType, type APIInteractionResponse } from 'discord.js';
import type { DiscordMessage } from './discord-api.ts';
import { DiscordLimits as L, truncate } from './discord-limits.ts';

/**
 * How NetOps answers one interaction: the initial response Discord needs within 3 s (the HTTP reply, or
 * the gateway's callback), then optional work that runs once Discord has it (follow-ups, edits).
 */
export interface InteractionOutcome {
  response: APIInteractionResponse;
  followUp?: () => Promise<void>;
}

/** An immediate ephemeral answer (refusals, unknown buttons). */
export function ephemeral(content: string): InteractionOutcome {
  return { response: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: truncate(content, L.content), flags: L.ephemeral, allowed_mentions: { parse: [] } } } };
}

/** An ephemeral message body for follow-ups. */
export function ephemeralMessage(content: string): DiscordMessage {
  return { content: truncate(content, L.content), flags: L.ephemeral };
}
