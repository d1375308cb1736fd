import type { RunModalMetadata } from './run-modal-view.ts';
import { SlackActionIds } from './slack-action-ids.ts';

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

/** The view fields a submission carries that we read. */
export interface SubmittedView {
  private_metadata?: string;
  state: { values: Record<string, Record<string, StateValue>> };
}

export interface RunModalInput {
  metadata: RunModalMetadata;
  workflow: string | null;
  target: string;
  /** Raw strings as typed; empty fields are left out so the workflow's default applies. */
  params: Record<string, string>;
  dryRun: boolean;
}

function valueOf(v: StateValue | undefined): string | null {
  if (!v) return null;
  const raw = v.selected_option?.value ?? v.value ?? null;
  return raw === null || raw.trim() === '' ? null : raw.trim();
}

export function readRunModal(view: SubmittedView): RunModalInput {
  const values = view.state.values;
  const params: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    if (!blockId.startsWith('param:')) continue;
    const v = valueOf(actions.value);
    if (v !== null) params[blockId.slice('param:'.length)] = v;
  }
  let metadata: RunModalMetadata = { channelId: '' };
  try {
    metadata = JSON.parse(view.private_metadata ?? '{}') as RunModalMetadata;
  } catch {
    // A view we did not build: the submission will fail with a clear message.
  }
  return {
    metadata,
    workflow: valueOf(values.workflow?.[SlackActionIds.modalWorkflow]),
    target: valueOf(values.target?.value) ?? '',
    params,
    dryRun: (values.options?.value?.selected_options ?? []).some((o) => o.value === 'dry_run'),
  };
}
