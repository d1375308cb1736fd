import type { types } from '@slack/bolt';
import { TARGET_FORMS } from '../../core/commands/help-text.ts';
import type { WorkflowSummary, WorkflowVersionRecord } from '../../core/ports/workflow-repository.ts';
import { describeParamSpec } from '../../core/workflows/describe-param.ts';
import type { ParamSpec } from '../../core/workflows/param-spec.ts';
import { SlackActionIds } from './slack-action-ids.ts';
import { truncate } from './slack-text.ts';

const plain = (text: string, max = 75) => ({ type: 'plain_text' as const, text: truncate(text, max).text });
const option = (label: string, value: string, description?: string) => ({
  text: plain(label), value, ...(description ? { description: plain(description) } : {}),
});

/** What the modal carries between open, workflow change and submit. */
export interface RunModalMetadata {
  channelId: string;
}

export const paramBlockId = (name: string) => `param:${name}`;

function paramElement(spec: ParamSpec): types.InputBlock['element'] {
  switch (spec.type) {
    case 'integer':
      return {
        type: 'number_input', action_id: 'value', is_decimal_allowed: false,
        ...(spec.min !== undefined ? { min_value: String(spec.min) } : {}),
        ...(spec.max !== undefined ? { max_value: String(spec.max) } : {}),
        ...(spec.default !== undefined ? { initial_value: String(spec.default) } : {}),
      };
    case 'enum':
    case 'boolean': {
      const values = spec.type === 'enum' ? spec.values.slice(0, 100) : ['true', 'false'];
      const options = values.map((v) => option(v, v));
      const initial = spec.default === undefined ? undefined : options.find((o) => o.value === String(spec.default));
      return { type: 'static_select', action_id: 'value', options, ...(initial ? { initial_option: initial } : {}) };
    }
    default:
      return {
        type: 'plain_text_input', action_id: 'value',
        ...(spec.default !== undefined ? { initial_value: spec.default } : {}),
        ...(spec.type === 'string' ? { max_length: Math.min(spec.maxLength, 3000) } : {}),
      };
  }
}

/**
 * The `/netops run` form: workflow select (changing it rebuilds the form), target, one input per param
 * typed from its spec with its default filled in, and a dry-run box.
 */
export function buildRunModal(input: {
  workflows: readonly WorkflowSummary[]; selected: WorkflowVersionRecord | null; metadata: RunModalMetadata; target?: string | undefined;
}): types.ModalView {
  const selectedName = input.selected?.workflowName;
  const options = input.workflows.slice(0, 100).map((w) => option(w.name, w.name, `${w.approval === 'required' ? 'needs approval · ' : ''}${w.description || w.platforms.join(', ')}`));
  const initial = options.find((o) => o.value === selectedName);
  const blocks: types.KnownBlock[] = [
    {
      type: 'input', block_id: 'workflow', dispatch_action: true, label: plain('Workflow'),
      element: { type: 'static_select', action_id: SlackActionIds.modalWorkflow, placeholder: plain('Choose a workflow'), options, ...(initial ? { initial_option: initial } : {}) },
    },
  ];
  if (options.length === 0) blocks.unshift({ type: 'section', text: { type: 'mrkdwn', text: 'No active workflow yet: import one with `netops workflow import FILE`.' } });
  const def = input.selected?.definition;
  if (def) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`${def.description || def.name} · ${def.platforms.join(', ')}${def.approval === 'required' ? ' · needs approval' : ''}`, 2000).text }] });
  }
  blocks.push({
    type: 'input', block_id: 'target', label: plain('Target'), hint: plain(`Target is ${TARGET_FORMS}.`, 2000),
    element: { type: 'plain_text_input', action_id: 'value', placeholder: plain('access-sw1 or tag:core,site:ams1', 150), ...(input.target ? { initial_value: input.target } : {}) },
  });
  for (const [name, spec] of Object.entries(def?.params ?? {}).slice(0, 40)) {
    blocks.push({
      type: 'input', block_id: paramBlockId(name), optional: !spec.required || spec.default !== undefined, label: plain(name, 2000),
      hint: plain(`${describeParamSpec(spec)}${spec.description ? ` — ${spec.description}` : ''}`, 2000),
      element: paramElement(spec),
    });
  }
  blocks.push({
    type: 'input', block_id: 'options', optional: true, label: plain('Options'),
    element: { type: 'checkboxes', action_id: 'value', options: [option('Dry run', 'dry_run', 'render and run only the read-only pre_check')] },
  });
  return {
    type: 'modal', callback_id: SlackActionIds.runModal, title: plain('Run a workflow', 24), submit: plain('Run', 24), close: plain('Cancel', 24),
    private_metadata: JSON.stringify(input.metadata), blocks,
  };
}
