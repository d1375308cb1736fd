import type { ChatIntent } from '../../core/commands/chat-intent.ts';
import { isChatVerb, type ChatVerb } from '../../core/commands/chat-verbs.ts';
import { tryParseRunRef, type RunRef } from '../../core/commands/run-ref.ts';
import { DEVICE_NAME_PATTERN, formatTarget, parseTarget } from '../../core/commands/target-selector.ts';
import { RUN_REF_FORMS } from '../../core/commands/help-text.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { displayValue } from '../../core/workflows/display-value.ts';
import { WORKFLOW_NAME_PATTERN } from '../../core/workflows/workflow-definition.ts';
import { booleanValue, stringValue, type SubcommandInput } from './command-options.ts';
import { DISCORD_USAGE } from './discord-usage.ts';
import { parseRunParams } from './run-params.ts';

function parseError(verb: ChatVerb, problem: string): NetOpsError {
  return new NetOpsError('COMMAND_PARSE_FAILED', `${problem}.`, { usage: DISCORD_USAGE[verb] });
}

function runRef(input: SubcommandInput, verb: ChatVerb): RunRef {
  const text = stringValue(input, 'run');
  if (!text) throw parseError(verb, `Which run? Give ${RUN_REF_FORMS}`);
  const ref = tryParseRunRef(text);
  if (!ref) throw parseError(verb, `${displayValue(text, 40)} is not a run: give ${RUN_REF_FORMS}`);
  return ref;
}

/** Builds the core intent from a subcommand's typed options; throws COMMAND_PARSE_FAILED / TARGET_INVALID. */
export function intentFromSubcommand(input: SubcommandInput): ChatIntent {
  const verb = input.name;
  if (!isChatVerb(verb)) throw new NetOpsError('COMMAND_PARSE_FAILED', `Unknown subcommand ${displayValue(verb, 40)}: re-register the command (netops discord register).`);
  switch (verb) {
    case 'help':
      return { kind: 'help', topic: stringValue(input, 'topic') };
    case 'devices':
      return { kind: 'devices', filter: stringValue(input, 'filter') };
    case 'workflows':
    case 'whoami':
      return { kind: verb };
    case 'run': {
      const workflow = (stringValue(input, 'workflow') ?? '').toLowerCase();
      if (!WORKFLOW_NAME_PATTERN.test(workflow)) throw parseError(verb, `${displayValue(workflow, 40)} is not a workflow name (lower-case letters, digits and dashes)`);
      const target = parseTarget(stringValue(input, 'target') ?? '');
      return { kind: 'run', workflow, target, targetText: formatTarget(target), params: parseRunParams(stringValue(input, 'params')), dryRun: booleanValue(input, 'dry_run') };
    }
    case 'status':
    case 'cancel':
    case 'diff':
      return { kind: verb, runRef: runRef(input, verb) };
    case 'approve':
      return { kind: 'approve', runRef: runRef(input, verb), comment: stringValue(input, 'comment') };
    case 'reject':
      return { kind: 'reject', runRef: runRef(input, verb), reason: stringValue(input, 'reason') };
    case 'history': {
      const device = stringValue(input, 'device');
      if (device && !DEVICE_NAME_PATTERN.test(device)) throw parseError(verb, `${displayValue(device, 40)} is not a device name`);
      return { kind: 'history', device };
    }
  }
}
