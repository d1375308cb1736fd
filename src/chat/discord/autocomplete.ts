import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { tokenize } from '../../core/commands/chat-tokenizer.ts';
import type { DeviceRepository } from '../../core/ports/device-repository.ts';
import type { RunRepository } from '../../core/ports/run-repository.ts';
import type { WorkflowRepository } from '../../core/ports/workflow-repository.ts';
import { describeParamSpec } from '../../core/workflows/describe-param.ts';
import { stringValue, type SubcommandInput } from './command-options.ts';
import { DiscordLimits as L, truncate } from './discord-limits.ts';

export interface AutocompleteDeps {
  workflows: Pick<WorkflowRepository, 'list' | 'findCurrent'>;
  devices: Pick<DeviceRepository, 'listAll'>;
  runs: Pick<RunRepository, 'list'>;
}

type Choice = APIApplicationCommandOptionChoice<string>;

const choice = (name: string, value: string): Choice | null =>
  value.length <= L.choiceValue ? { name: truncate(name, L.choiceName), value } : null;

function ranked<T>(items: T[], key: (t: T) => string, typed: string): T[] {
  const q = typed.toLowerCase();
  const starts = items.filter((i) => key(i).toLowerCase().startsWith(q));
  const contains = items.filter((i) => !key(i).toLowerCase().startsWith(q) && key(i).toLowerCase().includes(q));
  return [...starts, ...contains];
}

async function workflowChoices(deps: AutocompleteDeps, typed: string): Promise<Choice[]> {
  const active = (await deps.workflows.list()).filter((w) => w.status === 'active');
  return ranked(active, (w) => w.name, typed).map((w) => choice(`${w.name} — ${w.description || 'no description'}${w.approval === 'required' ? ' (needs approval)' : ''}`, w.name)).filter((c) => c !== null);
}

/** Completes the last term of a target: device names, then tag:/site:/platform: selectors. */
async function targetChoices(deps: AutocompleteDeps, typed: string): Promise<Choice[]> {
  const cut = typed.lastIndexOf(',');
  const prefix = cut >= 0 ? `${typed.slice(0, cut).replace(/\s+/g, '')},` : '';
  const term = typed.slice(cut + 1).trim();
  const devices = await deps.devices.listAll();
  const candidates = new Map<string, string>();
  for (const d of devices) candidates.set(d.name, `${d.name} (${d.platform}, ${d.host})`);
  for (const d of devices) {
    for (const t of d.tags) candidates.set(`tag:${t}`, `tag:${t}`);
    if (d.site) candidates.set(`site:${d.site}`, `site:${d.site}`);
    candidates.set(`platform:${d.platform}`, `platform:${d.platform}`);
  }
  const already = new Set(prefix.split(',').filter(Boolean));
  const keys = ranked([...candidates.keys()].filter((k) => !already.has(k)), (k) => k, term);
  return keys.map((k) => choice(`${prefix}${candidates.get(k) ?? k}`, `${prefix}${k}`)).filter((c) => c !== null);
}

async function deviceChoices(deps: AutocompleteDeps, typed: string): Promise<Choice[]> {
  const devices = await deps.devices.listAll();
  return ranked(devices, (d) => d.name, typed).map((d) => choice(`${d.name} (${d.platform}, ${d.host})`, d.name)).filter((c) => c !== null);
}

/** Completes `params` with the chosen workflow's param names not given yet (`number=` — an integer …). */
async function paramChoices(deps: AutocompleteDeps, input: SubcommandInput, typed: string): Promise<Choice[]> {
  const name = stringValue(input, 'workflow')?.toLowerCase();
  const wf = name ? await deps.workflows.findCurrent(name) : null;
  if (!wf) return [];
  let tokens;
  try {
    tokens = tokenize(typed);
  } catch {
    return []; // an open quote: the user is typing a value
  }
  const last = /\s$/.test(typed) || typed === '' ? null : tokens[tokens.length - 1];
  if (last && last.equalsAt >= 0) {
    const typing = choice(typed, typed); // typing a value: offer what is there, so Enter keeps it
    return typing ? [typing] : [];
  }
  const done = typed.slice(0, last ? last.start : typed.length);
  const given = new Set(tokens.filter((t) => t.equalsAt >= 0).map((t) => t.value.slice(0, t.equalsAt)));
  const specs = Object.entries(wf.definition.params).filter(([k]) => !given.has(k));
  return ranked(specs, ([k]) => k, last?.value ?? '')
    .map(([k, spec]) => choice(`${done}${k}= — ${spec.required ? 'required, ' : ''}${describeParamSpec(spec)}${spec.description ? ` (${spec.description})` : ''}`, `${done}${k}=`))
    .filter((c) => c !== null);
}

async function runChoices(deps: AutocompleteDeps, verb: string, typed: string): Promise<Choice[]> {
  const status = verb === 'approve' || verb === 'reject' ? 'pending_approval' : undefined;
  const { items } = await deps.runs.list({ status }, { page: 1, perPage: 50 });
  const q = typed.replace(/^#/, '');
  return items
    .filter((r) => q === '' || String(r.number).startsWith(q) || r.workflowName.includes(q) || r.target.includes(q))
    .map((r) => choice(`#${r.number} ${r.workflowName} on ${r.target} · ${r.status} · ${r.requesterName}`, String(r.number)))
    .filter((c) => c !== null);
}

/** Choices for the focused option (at most 25); unknown options get none. */
export async function autocompleteChoices(deps: AutocompleteDeps, input: SubcommandInput): Promise<Choice[]> {
  const focused = input.focused;
  const typed = focused ? String(input.values[focused] ?? '') : '';
  let choices: Choice[] = [];
  if (focused === 'workflow') choices = await workflowChoices(deps, typed.trim());
  else if (focused === 'target') choices = await targetChoices(deps, typed);
  else if (focused === 'device') choices = await deviceChoices(deps, typed.trim());
  else if (focused === 'params') choices = await paramChoices(deps, input, typed);
  else if (focused === 'run') choices = await runChoices(deps, input.name, typed.trim());
  return choices.slice(0, L.autocompleteChoices);
}
