import { CHAT_VERBS, isChatVerb, type ChatVerb } from '../../core/commands/chat-verbs.ts';
import { RUN_REF_FORMS, TARGET_FORMS } from '../../core/commands/help-text.ts';
import { subcommandDescription } from './netops-command.ts';

/** How each subcommand is typed in Discord; errors quote it instead of the text-chat usage. */
export const DISCORD_USAGE: Readonly<Record<ChatVerb, string>> = {
  help: '/netops help [topic]',
  devices: '/netops devices [filter:<text>]',
  workflows: '/netops workflows',
  run: '/netops run workflow:<name> target:<selector> [params:<k=v …>] [dry_run:true]',
  status: '/netops status run:<id>',
  cancel: '/netops cancel run:<id>',
  approve: '/netops approve run:<id> [comment:<text>]',
  reject: '/netops reject run:<id> [reason:<text>]',
  diff: '/netops diff run:<id>',
  history: '/netops history [device:<name>]',
  whoami: '/netops whoami',
};

const DETAILS: Partial<Record<ChatVerb | 'target', string[]>> = {
  run: [
    `target is ${TARGET_FORMS}.`,
    'params are key=value separated by spaces; quote values with spaces: description="core uplink".',
    'dry_run:true renders every command and runs only the read-only pre_check: nothing is changed.',
    'Example: /netops run workflow:add-loopback target:lab-ios-1 params:number=100',
  ],
  target: [`A target is ${TARGET_FORMS}.`],
};
for (const verb of ['status', 'cancel', 'approve', 'reject', 'diff'] as const) DETAILS[verb] = [`run is ${RUN_REF_FORMS}.`];

/** Help as Discord users type commands; a verb or "target" as topic gives its details. */
export function discordHelp(topic: string | null): string {
  const key = topic?.trim().toLowerCase() ?? '';
  if (key === 'target') return (DETAILS.target ?? []).join('\n');
  if (isChatVerb(key)) return [`\`${DISCORD_USAGE[key]}\``, `${subcommandDescription(key)}.`, ...(DETAILS[key] ?? [])].join('\n');
  const lines = CHAT_VERBS.map((v) => `\`${DISCORD_USAGE[v]}\` — ${subcommandDescription(v).toLowerCase()}`);
  return [...lines, '', `target is ${TARGET_FORMS}.`, 'Type `/netops help topic:<command>` for details.'].join('\n');
}
