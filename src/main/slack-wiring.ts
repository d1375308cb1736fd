import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';

/** Builds the Slack adapter from config, or null when Slack is not configured. */
export async function createSlackAdapter(_ctx: AppContext): Promise<ChatAdapter | null> {
  return null;
}
