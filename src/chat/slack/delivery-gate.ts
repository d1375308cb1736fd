import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import { BUSY_TEXT, type AdmissionTicket, type ChatAdmission } from '../../core/chat/chat-admission.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import { escapeMrkdwn } from './slack-text.ts';

type Ack = (response?: unknown) => Promise<void>;

/** Context key of a slash command the HTTP receiver already admitted (and acked): its place in the limiter. */
export const ADMISSION_TICKET = 'netopsAdmission';

/** Context key: ms the delivery waited in the admission line before its listener started (0 if it did not). */
export const ADMISSION_WAITED_MS = 'netopsAdmissionWaitedMs';

/** The field error of a run form refused for lack of room: the form stays open, and can be submitted again. */
export const FORM_BUSY_TEXT = 'NetOps is busy right now, so nothing was run or requested. Submit the form again in a few seconds.';

const isRunFormSubmission = (body: Record<string, unknown>) =>
  body.type === 'view_submission' && (body.view as { callback_id?: unknown } | undefined)?.callback_id === SlackActionIds.runModal;

/** Slack's unique id of one delivery: the same id again is a retry or a replay. */
function deliveryId(body: Record<string, unknown>): string | null {
  const id = body.trigger_id ?? body.event_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** The ack body of a refused slash command: only the sender sees it, and it says nothing ran. */
export function slackBusyAnswer(command: string, text: string): { response_type: 'ephemeral'; text: string } {
  const typed = `${command} ${text}`.trim().slice(0, 300);
  return { response_type: 'ephemeral', text: `:hourglass: ${BUSY_TEXT}\n\`${escapeMrkdwn(typed.replace(/`/g, "'"))}\`` };
}

export interface DeliveryGateDeps {
  admission: ChatAdmission;
  /** Deliveries seen (Redis): a retry or replay of one is acked and dropped. */
  seen: ChatThreadMemory;
  logger: Logger;
}

/**
 * The first Bolt middleware. Slash commands pass admission control before anything else (the HTTP receiver
 * decides most of them itself and passes the ticket in the context): a refused one is acked with the busy
 * text at once (no Redis, no database); an accepted one is acked at once too and worked on when its place
 * comes, still deduplicated. A retry (X-Slack-Retry-Num) refused for lack of room is checked against the
 * deliveries seen, so the retry of a command already accepted is never told "nothing was run". Run form
 * submissions (view_submission of the run modal) pass the same limiter. Other payloads (buttons, the reject
 * form) are only deduplicated: they are human-paced, and a refused Approve would be worse than a slow one.
 */
export function deliveryGate(deps: DeliveryGateDeps): Middleware<AnyMiddlewareArgs> {
  const { admission, seen, logger } = deps;
  const claim = (id: string | null) => (id ? seen.claim(`slack:delivery:${id}`) : Promise.resolve(true));
  const duplicate = (id: string | null, retryNum: unknown) => logger.info({ deliveryId: id, retryNum }, 'duplicate Slack delivery ignored');

  return async (args) => {
    const body = args.body as Record<string, unknown>;
    const ack = (args as { ack?: Ack }).ack;
    const id = deliveryId(body);
    const retryNum = args.context.retryNum;
    if (typeof body.command === 'string' && ack) {
      const ticket = (args.context[ADMISSION_TICKET] as AdmissionTicket | undefined) ?? admission.admit('slack');
      if (!ticket) {
        if (retryNum && !(await claim(id))) {
          duplicate(id, retryNum);
          return ack();
        }
        // Forget the claim just taken: a later retry of this refused command is judged afresh.
        if (retryNum && id) void seen.release(`slack:delivery:${id}`).catch(() => undefined);
        return ack(slackBusyAnswer(body.command, typeof body.text === 'string' ? body.text : ''));
      }
      // Claimed now, not when its place comes: a retry arriving while this one waits in line must find it.
      const claimed = claim(id);
      claimed.catch(() => undefined); // awaited below, maybe later: no unhandled rejection meanwhile
      await ack();
      await ticket.run(async () => {
        args.context[ADMISSION_WAITED_MS] = ticket.waitedMs();
        if (!(await claimed)) return duplicate(id, retryNum);
        await args.next();
      });
      return;
    }
    if (isRunFormSubmission(body) && ack) {
      // A run form creates a run like a slash command: same limiter. Refused, the form stays open with the
      // busy text on its workflow field (never accepted and dropped); admitted, its listener acks itself.
      const ticket = admission.admit('slack');
      if (!ticket) return ack({ response_action: 'errors', errors: { workflow: FORM_BUSY_TEXT } });
      await ticket.run(async () => {
        args.context[ADMISSION_WAITED_MS] = ticket.waitedMs();
        if (!(await claim(id))) {
          duplicate(id, retryNum);
          return ack();
        }
        await args.next();
      });
      return;
    }
    if (!(await claim(id))) {
      duplicate(id, retryNum);
      await ack?.();
      return;
    }
    await args.next();
  };
}
