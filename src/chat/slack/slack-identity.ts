import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeSlackError } from './slack-api-error.ts';

export interface SlackBotIdentity {
  botId: string;
  botUserId: string;
  team: string | null;
}

/**
 * The bot's identity from auth.test, asked once and remembered; a failure is not remembered, so a
 * Slack outage at boot heals on the next event instead of disabling the bot until a restart.
 */
export function slackIdentity(client: webApi.WebClient, logger: Logger): () => Promise<SlackBotIdentity> {
  let pending: Promise<SlackBotIdentity> | null = null;
  return () => {
    pending ??= client.auth.test().then(
      (r) => ({ botId: r.bot_id ?? '', botUserId: r.user_id ?? '', team: r.team ?? null }),
      (err: unknown) => {
        pending = null;
        logger.error({ slackError: describeSlackError(err) }, 'Slack auth.test failed: check SLACK_BOT_TOKEN');
        throw err;
      },
    );
    return pending;
  };
}
