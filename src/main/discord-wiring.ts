import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';

/** Builds the Discord adapter from config, or null when Discord is not configured. */
export async function createDiscordAdapter(_ctx: AppContext): Promise<ChatAdapter | null> {
  return null;
}
