import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from 'discord.js';

/** A subcommand invocation: its name, its option values, and which option is focused (autocomplete). */
export interface SubcommandInput {
  name: string;
  values: Record<string, string | number | boolean>;
  focused: string | null;
}

/** Reads `/netops <sub> opt:value …` from interaction data; null when no subcommand was given. */
export function readSubcommand(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): SubcommandInput | null {
  const sub = options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) return null;
  const values: Record<string, string | number | boolean> = {};
  let focused: string | null = null;
  for (const o of sub.options ?? []) {
    if (!('value' in o)) continue;
    values[o.name] = o.value;
    if ('focused' in o && o.focused) focused = o.name;
  }
  return { name: sub.name, values, focused };
}

export function stringValue(input: SubcommandInput, name: string): string | null {
  const v = input.values[name];
  if (v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

export function booleanValue(input: SubcommandInput, name: string): boolean {
  return input.values[name] === true;
}
