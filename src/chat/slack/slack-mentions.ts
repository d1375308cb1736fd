import type { Logger } from 'pino';
import type { UserRepository } from '../../core/ports/user-repository.ts';
import { NO_MENTIONS, type SlackMentions } from './slack-text.ts';

/** Names of unlinked chat users ("slack:U123", "discord:…"): not NetOps users, nothing to look up. */
const CHAT_NAME = /^(slack|discord):/;

/**
 * The Slack ids of the linked NetOps users among `names`, for one render of one message: a single
 * query however many lines name them. Mentions are cosmetic, so a failed lookup falls back to names.
 */
export async function slackMentionsFor(
  users: Pick<UserRepository, 'chatIdentitiesOf'>, names: readonly (string | null)[], logger: Logger,
): Promise<SlackMentions> {
  const wanted = [...new Set(names.filter((n): n is string => !!n && !CHAT_NAME.test(n)))];
  if (wanted.length === 0) return NO_MENTIONS;
  try {
    return await users.chatIdentitiesOf(wanted, 'slack');
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not look up Slack ids; naming people instead');
    return NO_MENTIONS;
  }
}
