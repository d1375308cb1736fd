import type { types } from '@slack/bolt';
import type { RunRecord } from '../../core/runs/run-records.ts';
import type { SubmittedView } from './read-run-modal.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import { escapeMrkdwn, inlineCode, section, truncate } from './slack-text.ts';

/** A rejection reason is shown on the run message and kept in the audit log: short and required. */
export const REJECT_REASON_MAX = 500;
export const REJECT_REASON_BLOCK = 'reason';

/** What the reject form carries from the click to its submission. */
export interface RejectModalMetadata {
  runId: string;
  /** Where the button was clicked: refusals that come too late for the form go there, ephemerally. */
  channelId: string;
}

const plain = (text: string, max = 75) => ({ type: 'plain_text' as const, text: truncate(text, max).text });

/** The form the Reject button opens: the run in the title, one required reason of at most 500 characters. */
export function buildRejectModal(run: Pick<RunRecord, 'number' | 'workflowName' | 'target'>, metadata: RejectModalMetadata): types.ModalView {
  return {
    type: 'modal', callback_id: SlackActionIds.rejectModal,
    title: plain(`Reject run #${run.number}`, 24), submit: plain('Reject', 24), close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`*${escapeMrkdwn(run.workflowName)}* on ${inlineCode(truncate(run.target, 200).text)} will not run: nothing is changed on the devices.`),
      {
        type: 'input', block_id: REJECT_REASON_BLOCK, label: plain('Reason'), hint: plain('Shown on the run message and kept in the audit log.', 2000),
        element: {
          type: 'plain_text_input', action_id: 'value', multiline: true, min_length: 1, max_length: REJECT_REASON_MAX,
          placeholder: plain('Why should this change not go ahead?', 150),
        },
      },
    ],
  };
}

export interface RejectModalInput {
  metadata: RejectModalMetadata;
  /** Trimmed; '' when only blanks were typed. */
  reason: string;
}

export function readRejectModal(view: SubmittedView): RejectModalInput {
  let metadata: RejectModalMetadata = { runId: '', channelId: '' };
  try {
    const m = JSON.parse(view.private_metadata ?? '{}') as Partial<RejectModalMetadata>;
    metadata = { runId: typeof m.runId === 'string' ? m.runId : '', channelId: typeof m.channelId === 'string' ? m.channelId : '' };
  } catch {
    // A view we did not build: the submission is refused with a clear message.
  }
  return { metadata, reason: (view.state.values[REJECT_REASON_BLOCK]?.value?.value ?? '').trim() };
}
