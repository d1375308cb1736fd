import type { ChatReply } from '../../core/chat/chat-reply.ts';
import { isChatVerb } from '../../core/commands/chat-verbs.ts';
import { asNetOpsError } from '../../core/errors/index.ts';
import { DISCORD_USAGE } from './discord-usage.ts';

/** Turns any error into the ephemeral reply users see: the message, and the Discord usage when it helps. */
export function errorReply(err: unknown, verb: string | null): Extract<ChatReply, { kind: 'error' }> {
  const e = asNetOpsError(err);
  const details = e.details as { usage?: string } | undefined;
  const usage = details?.usage?.startsWith('/') ? details.usage : e.code === 'COMMAND_PARSE_FAILED' && verb && isChatVerb(verb) ? DISCORD_USAGE[verb] : null;
  const message = e.code === 'INTERNAL' ? 'Something went wrong on our side; the server log has the details.' : e.message;
  return { kind: 'error', visibility: 'ephemeral', code: e.code, message, usage };
}
