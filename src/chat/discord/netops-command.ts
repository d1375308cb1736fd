import {
  ApplicationCommandOptionType as Opt, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType,
  type APIApplicationCommandBasicOption, type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { CHAT_VERBS, type ChatVerb } from '../../core/commands/chat-verbs.ts';

export const NETOPS_COMMAND_NAME = 'netops';

const runOption = (description = 'Run number (42) or run id'): APIApplicationCommandBasicOption => ({
  type: Opt.String, name: 'run', description, required: true, autocomplete: true, max_length: 64,
});

/** Each subcommand's options; names are a contract (scripts and README rely on them). */
const SUBCOMMANDS: Record<ChatVerb, { description: string; options: APIApplicationCommandBasicOption[] }> = {
  help: {
    description: 'Show the commands, or details on one',
    options: [{ type: Opt.String, name: 'topic', description: 'A command or "target"', choices: [...CHAT_VERBS, 'target'].map((v) => ({ name: v, value: v })) }],
  },
  devices: {
    description: 'List devices, optionally filtered by name, tag, site or platform',
    options: [{ type: Opt.String, name: 'filter', description: 'Part of a name or host, or tag:X / site:X / platform:X', max_length: 200 }],
  },
  workflows: { description: 'List the workflows you can run', options: [] },
  run: {
    description: 'Run a workflow on one or more devices',
    options: [
      { type: Opt.String, name: 'workflow', description: 'Workflow name', required: true, autocomplete: true, max_length: 63 },
      { type: Opt.String, name: 'target', description: 'A device, a comma list, or tag:X / site:X / platform:X', required: true, autocomplete: true, max_length: 4000 },
      { type: Opt.String, name: 'params', description: 'key=value pairs separated by spaces; quote values with spaces', autocomplete: true, max_length: 4000 },
      { type: Opt.Boolean, name: 'dry_run', description: 'Render every command and run only the read-only pre_check' },
    ],
  },
  status: { description: 'Show the status of a run', options: [runOption()] },
  cancel: { description: 'Cancel a run that has not finished', options: [runOption()] },
  approve: {
    description: 'Approve a run waiting for approval',
    options: [runOption(), { type: Opt.String, name: 'comment', description: 'Note stored with the approval', max_length: 500 }],
  },
  reject: {
    description: 'Reject a run waiting for approval',
    options: [runOption(), { type: Opt.String, name: 'reason', description: 'Why (shown in the run thread)', max_length: 500 }],
  },
  diff: { description: 'Show the before/after config diff of a run', options: [runOption()] },
  history: {
    description: 'Show recent runs, optionally on one device',
    options: [{ type: Opt.String, name: 'device', description: 'Device name', autocomplete: true, max_length: 128 }],
  },
  whoami: { description: 'Show who the bot thinks you are and your role', options: [] },
};

/** The `/netops` slash command as registered with Discord: one subcommand per chat verb, guild channels only. */
export function netopsCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: NETOPS_COMMAND_NAME,
    description: 'Chat-ops for network changes: run workflows on devices, approve, follow runs',
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: CHAT_VERBS.map((verb) => ({ type: Opt.Subcommand, name: verb, description: SUBCOMMANDS[verb].description, options: SUBCOMMANDS[verb].options })),
  };
}

/** Summary of a subcommand, for help. */
export function subcommandDescription(verb: ChatVerb): string {
  return SUBCOMMANDS[verb].description;
}
