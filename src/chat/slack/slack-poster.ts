import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChannelPacer } from './channel-pacer.ts';
import { describeSlackError, retryAfterSeconds, slackErrorCode } from './slack-api-error.ts';
import { truncate, type SlackMessage } from './slack-text.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_RATE_LIMIT_WAITS = 5;
// Slack refused the blocks themselves: the plain text still reaches the channel ("never a rejected post").
const BLOCK_ERRORS = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_blocks_format']);

/**
 * Every write to Slack goes through here: posts and uploads are paced per channel, a 429 waits its
 * Retry-After and tries again (a 429 means nothing was posted, so the retry cannot post twice).
 * The WebClient itself must not retry (`retryConfig: { retries: 0 }`, `rejectRateLimitedCalls: true`):
 * a blind retry after a lost response could post twice.
 */
export class SlackPoster {
  constructor(private readonly client: webApi.WebClient, private readonly pacer: ChannelPacer, private readonly logger: Logger) {}

  /** Posts in the channel (a threaded reply when threadTs is given); returns the message ts. */
  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    const send = (m: Partial<SlackMessage> & { text: string }) =>
      this.client.chat.postMessage({ channel, text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false });
    const res = await this.withBlockFallback(message, (m) => this.send(channel, true, () => send(m)));
    if (!res.ts) throw new Error('chat.postMessage returned no ts');
    return res.ts;
  }

  /** Edits a message; blocks are resent with the text, or Slack would drop them. */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.withBlockFallback(message, (m) =>
      this.send(channel, false, () => this.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks ?? [] })));
  }

  /** Uploads a text file into the thread (files.getUploadURLExternal + upload + files.completeUploadExternal). */
  async upload(channel: string, threadTs: string, file: { filename: string; title: string; content: string; comment?: string }): Promise<void> {
    await this.send(channel, true, () =>
      this.client.filesUploadV2({
        channel_id: channel, thread_ts: threadTs, content: file.content, filename: file.filename, title: file.title,
        ...(file.comment ? { initial_comment: file.comment } : {}),
      }));
  }

  /** Visible only to `user`; used where no response_url exists (modal submissions). */
  async ephemeral(channel: string, user: string, message: SlackMessage): Promise<void> {
    await this.send(channel, false, () => this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks }));
  }

  private async withBlockFallback<T>(message: SlackMessage, call: (m: Partial<SlackMessage> & { text: string }) => Promise<T>): Promise<T> {
    try {
      return await call(message);
    } catch (err) {
      const code = slackErrorCode(err);
      if (!code || !BLOCK_ERRORS.has(code)) throw err;
      this.logger.warn({ slackError: code }, 'Slack refused the blocks; sending the plain text');
      return call({ text: truncate(message.text, 3000).text });
    }
  }

  private async send<T>(channel: string, paced: boolean, call: () => Promise<T>): Promise<T> {
    for (let waited = 0; ; waited++) {
      if (paced) await this.pacer.wait(channel);
      try {
        return await call();
      } catch (err) {
        const seconds = retryAfterSeconds(err);
        if (seconds === null || waited >= MAX_RATE_LIMIT_WAITS) {
          this.logger.debug({ channel, err: describeSlackError(err) }, 'Slack call failed');
          throw err;
        }
        this.logger.warn({ channel, retryAfterSeconds: seconds }, 'Slack rate limit: waiting for Retry-After');
        await this.pacer.pushBack(channel, seconds * 1000);
        if (!paced) await sleep(seconds * 1000);
      }
    }
  }
}
