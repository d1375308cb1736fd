import { displayValue } from '../workflows/display-value.ts';
import { CHAT_VERBS, isChatVerb, type ChatVerb } from './chat-verbs.ts';

/** The one-line form of each verb; every parse error quotes it. */
export const USAGE: Readonly<Record<ChatVerb, string>> = {
  help: 'help [topic]',
  devices: 'devices [filter]',
  workflows: 'workflows',
  run: 'run WORKFLOW on TARGET [key=value ...] [--dry-run]',
  status: 'status RUN',
  cancel: 'cancel RUN',
  approve: 'approve RUN [comment]',
  reject: 'reject RUN [reason]',
  diff: 'diff RUN',
  history: 'history [DEVICE]',
  whoami: 'whoami',
};

const SUMMARY: Readonly<Record<ChatVerb, string>> = {
  help: 'show this help, or help on one command',
  devices: 'list devices, optionally filtered by name, tag, site or platform',
  workflows: 'list the workflows you can run',
  run: 'run a workflow on one or more devices',
  status: 'show the status of a run',
  cancel: 'cancel a run that has not finished',
  approve: 'approve a run waiting for approval',
  reject: 'reject a run waiting for approval',
  diff: 'show the before/after config diff of a run',
  history: 'show recent runs, optionally for one device',
  whoami: 'show who the bot thinks you are and your role',
};

export const TARGET_FORMS = 'a device name (access-sw1), a comma list (sw1,sw2), or tag:X, site:X, platform:X, combinable (tag:core,site:ams1)';
export const RUN_REF_FORMS = 'a run number (42 or #42) or a run id (UUID)';

const DETAILS: Readonly<Partial<Record<ChatVerb | 'target', readonly string[]>>> = {
  run: [
    `TARGET is ${TARGET_FORMS}.`,
    'Params are key=value; quote values with spaces: vlan_name="core uplink".',
    '--dry-run renders every command, connects and runs only the read-only pre_check: nothing is changed.',
    'Example: run add-vlan on access-sw1 vlan_id=120 vlan_name=guests',
  ],
  status: [`RUN is ${RUN_REF_FORMS}.`, 'Example: status #42'],
  cancel: [`RUN is ${RUN_REF_FORMS}.`, 'Example: cancel 42'],
  approve: [`RUN is ${RUN_REF_FORMS}.`, 'Example: approve #42 checked with the site team'],
  reject: [`RUN is ${RUN_REF_FORMS}.`, 'Example: reject #42 wrong VLAN id'],
  diff: [`RUN is ${RUN_REF_FORMS}.`, 'Example: diff #42'],
  devices: ['Example: devices tag:core', 'Example: devices ams1'],
  history: ['Example: history access-sw1'],
  target: [`TARGET is ${TARGET_FORMS}.`, 'A device matches if it is named, or if it matches every kind given (any value of each kind).'],
};

/** Plain text help (chat adapters format it); a verb or "target" as topic gives the details of that topic. */
export function helpText(topic?: string | null): string {
  const key = topic?.trim().toLowerCase() ?? '';
  if (key === '') {
    const width = Math.max(...CHAT_VERBS.map((v) => USAGE[v].length));
    const lines = CHAT_VERBS.map((v) => `${USAGE[v].padEnd(width)}  ${SUMMARY[v]}`);
    return ['NetOps Bot commands:', ...lines, '', `TARGET is ${TARGET_FORMS}.`, 'Type "help COMMAND" for details.'].join('\n');
  }
  if (key === 'target') return (DETAILS.target ?? []).join('\n');
  if (!isChatVerb(key)) return `No help on ${displayValue(key, 40)}. Topics: ${[...CHAT_VERBS, 'target'].join(', ')}.\n\n${helpText()}`;
  return [`Usage: ${USAGE[key]}`, SUMMARY[key].charAt(0).toUpperCase() + SUMMARY[key].slice(1) + '.', ...(DETAILS[key] ?? [])].join('\n');
}
