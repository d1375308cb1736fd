import { STAGES, type Stage } from '../runs/run-status.ts';
import type { WorkflowDefinition } from './workflow-definition.ts';

/**
 * A command that wipes, reboots or powers off a device. `exec` patterns only apply to exec-mode steps:
 * `delete` removes a file in IOS exec mode but is an ordinary config statement in Junos config mode.
 */
export interface DestructivePattern {
  readonly pattern: RegExp;
  readonly reason: string;
  readonly modes: 'any' | 'exec';
}

/** `abbrev('reload', 3)` matches rel, relo, reloa, reload: IOS and Junos accept unique prefixes. */
function abbrev(word: string, min: number): string {
  let tail = '';
  for (let i = word.length - 1; i >= min; i--) tail = `(?:${escape(word[i] ?? '')}${tail})?`;
  return escape(word.slice(0, min)) + tail;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function words(...parts: string[]): RegExp {
  return new RegExp(`^${parts.join('\\s+')}(?:\\s|$)`, 'i');
}

export const DEFAULT_DESTRUCTIVE_PATTERNS: readonly DestructivePattern[] = [
  { pattern: words(abbrev('reload', 3)), reason: 'reloads the device', modes: 'any' },
  { pattern: words(abbrev('write', 2), abbrev('erase', 2)), reason: 'erases the startup configuration', modes: 'any' },
  { pattern: words(abbrev('erase', 3)), reason: 'erases a file system or the startup configuration', modes: 'any' },
  { pattern: words(abbrev('format', 4)), reason: 'formats a file system', modes: 'any' },
  // IOS/NX-OS exec `delete flash:…`; a bare `delete` at the top of Junos config mode wipes the whole config.
  { pattern: words(abbrev('delete', 3)), reason: 'deletes files', modes: 'exec' },
  { pattern: /^delete\s*$/i, reason: 'deletes the whole configuration (Junos)', modes: 'any' },
  {
    pattern: words(abbrev('request', 3), abbrev('system', 3), `(?:${abbrev('reboot', 3)}|${abbrev('halt', 2)}|${abbrev('zeroize', 1)}|${abbrev('power-off', 5)})`),
    reason: 'reboots, halts, powers off or zeroizes the device (Junos)',
    modes: 'any',
  },
  { pattern: words(abbrev('file', 3), abbrev('delete', 3)), reason: 'deletes files (Junos)', modes: 'exec' },
  // Linux hosts; exec mode only, so an interface `shutdown` in config mode is not flagged.
  { pattern: /^(?:reboot|poweroff|halt|shutdown)(?:\s|$)/i, reason: 'reboots or powers off the host', modes: 'exec' },
];

export interface DestructiveCommand {
  stage: Stage;
  command: string;
  reason: string;
}

/** Prefixes that run an exec command from elsewhere: IOS `do` in config mode, Junos `run`, Linux `sudo`. */
const WRAPPERS = /^(?:do|run|sudo)\s+/i;

function normalise(command: string): string {
  let text = command.trim().replace(/\s+/g, ' ');
  while (WRAPPERS.test(text)) text = text.replace(WRAPPERS, '');
  return text;
}

/**
 * Commands of a workflow that match a destructive pattern at their start (case-insensitive, after
 * `do`/`run`/`sudo`). A plain RegExp in `patterns` applies to every mode.
 */
export function findDestructiveCommands(
  def: Pick<WorkflowDefinition, 'stages'>,
  patterns: readonly (DestructivePattern | RegExp)[] = DEFAULT_DESTRUCTIVE_PATTERNS,
): DestructiveCommand[] {
  const rules = patterns.map((p) => (p instanceof RegExp ? { pattern: p, reason: `matches ${String(p)}`, modes: 'any' as const } : p));
  const found: DestructiveCommand[] = [];
  for (const stage of STAGES) {
    for (const step of def.stages[stage] ?? []) {
      const mode = 'commands' in step ? 'config' : 'exec';
      const commands = 'commands' in step ? step.commands : [step.command];
      for (const command of commands) {
        const text = normalise(command);
        // A stateful (/g or /y) pattern would skip matches between calls.
        const rule = rules.find((r) => (r.modes === 'any' || r.modes === mode) && new RegExp(r.pattern.source, r.pattern.flags.replace(/[gy]/g, '')).test(text));
        if (rule) found.push({ stage, command, reason: rule.reason });
      }
    }
  }
  return found;
}

/**
 * True when the workflow cannot change a device: no config step anywhere and no destructive exec
 * command (an exec-mode `reload` changes plenty). Read-only stages and workflows may be retried.
 */
export function isReadOnlyWorkflow(def: Pick<WorkflowDefinition, 'stages'>): boolean {
  const hasConfigStep = STAGES.some((stage) => (def.stages[stage] ?? []).some((step) => 'commands' in step));
  return !hasConfigStep && findDestructiveCommands(def).length === 0;
}
