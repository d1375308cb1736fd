import type { ChatActor } from '../../core/chat/chat-actor.ts';
import type { NetOpsError } from '../../core/errors/index.ts';
import { escapeMrkdwn } from './slack-text.ts';

export const SERVER_ERROR_TEXT = 'Something went wrong on our side; the server log has the details.';

/** Why the core refused a click or a form, said to that user alone. */
export interface Refusal {
  /** Our fault, not theirs: logged, and never shown as a form field error. */
  internal: boolean;
  /** For modal field errors (plain text) and notification text. */
  plain: string;
  /** For message blocks. */
  mrkdwn: string;
}

/** The core's message; for an unlinked Slack account refused for its role, how an admin links it. */
export function describeRefusal(e: NetOpsError, actor: ChatActor | null): Refusal {
  if (e.code === 'INTERNAL') return { internal: true, plain: SERVER_ERROR_TEXT, mrkdwn: escapeMrkdwn(SERVER_ERROR_TEXT) };
  const link = e.code === 'FORBIDDEN' && actor && !actor.mapped ? `netops user add NAME --role approver --slack-id ${actor.externalId}` : null;
  const why = 'Your Slack account is not linked to a NetOps user; an admin can link it with';
  return {
    internal: false,
    plain: link ? `${e.message} ${why}: ${link}` : e.message,
    mrkdwn: `${escapeMrkdwn(e.message)}${link ? ` ${why} \`${link}\`.` : ''}`,
  };
}
