import type { CliResult } from './cli-result.ts';

/** `address`: A.B.C.D or A.B.C.D/N (IOS takes a mask after it; NX-OS and EOS the prefix form). */
export type ArgKind = 'word' | 'number' | 'ipv4' | 'address' | 'interface' | 'line';

/** What the matcher needs from the session it matches for. */
export interface MatchContext {
  /** The canonical name of an interface typed as `text` ("gi0/1", "Ethernet 1"), or null. */
  parseInterface(text: string): string | null;
}
export type CommandArgs = Readonly<Record<string, string>>;
export type CommandHandler<C> = (ctx: C, args: CommandArgs) => CliResult;

export interface ArgSpec<C> {
  name: string;
  kind: ArgKind;
  /** Inclusive range for numbers. */
  min?: number;
  max?: number;
  /** Extra check against the device (e.g. the interface must exist). */
  validate?: (ctx: C, value: string) => boolean;
  next: CommandNode<C>;
}

/** One node of a mode's command tree: keywords matched by unique prefix, or one argument. */
export interface CommandNode<C> {
  keywords?: Readonly<Record<string, CommandNode<C>>>;
  arg?: ArgSpec<C>;
  /** Runs when the input ends here; without it the input is incomplete. */
  run?: CommandHandler<C>;
}

export type MatchResult<C> =
  | { kind: 'matched'; run: CommandHandler<C>; args: CommandArgs }
  | { kind: 'empty' }
  /** `argument`: a value was expected next (Junos "missing argument."), not a keyword. */
  | { kind: 'incomplete'; argument: boolean }
  /**
   * `offset`: column of the first bad character, for the caret line; `token`: its index among the words;
   * `parameter`: the word was a value (not a keyword), e.g. a VLAN id out of range.
   */
  | { kind: 'invalid'; offset: number; token: number; word: string; parameter: boolean }
  /** `input`: what the user typed up to the ambiguous word. */
  | { kind: 'ambiguous'; input: string };

interface Token {
  text: string;
  offset: number;
}

/** Matches a line against a command tree the way IOS does: every word may be a unique prefix. */
export function matchCommand<C extends MatchContext>(root: CommandNode<C>, line: string, ctx: C): MatchResult<C> {
  const tokens: Token[] = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], offset: m.index }));
  if (tokens.length === 0) return { kind: 'empty' };
  let node = root;
  const args: Record<string, string> = {};
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    const picked = node.keywords === undefined ? [] : pickKeyword(node.keywords, token.text);
    if (picked.length === 1) {
      node = picked[0] as CommandNode<C>;
      i++;
      continue;
    }
    if (picked.length > 1) return { kind: 'ambiguous', input: line.slice(0, token.offset + token.text.length).trim() };
    const invalid = { kind: 'invalid', offset: token.offset, token: i, word: token.text } as const;
    if (node.arg === undefined) return { ...invalid, parameter: false };
    const consumed = consumeArg(node.arg, tokens, i, line, ctx);
    if (consumed === null) return { ...invalid, parameter: node.keywords === undefined };
    args[node.arg.name] = consumed.value;
    i = consumed.next;
    node = node.arg.next;
  }
  return node.run === undefined ? { kind: 'incomplete', argument: node.keywords === undefined } : { kind: 'matched', run: node.run, args };
}

function pickKeyword<C>(keywords: Readonly<Record<string, CommandNode<C>>>, word: string): CommandNode<C>[] {
  const lower = word.toLowerCase();
  const exact = keywords[lower];
  if (exact !== undefined) return [exact];
  return Object.entries(keywords)
    .filter(([k]) => k.startsWith(lower))
    .map(([, n]) => n);
}

function consumeArg<C extends MatchContext>(spec: ArgSpec<C>, tokens: Token[], i: number, line: string, ctx: C): { value: string; next: number } | null {
  const token = tokens[i] as Token;
  const accept = (value: string, next: number): { value: string; next: number } | null =>
    spec.validate === undefined || spec.validate(ctx, value) ? { value, next } : null;
  switch (spec.kind) {
    case 'word':
      return accept(token.text, i + 1);
    case 'line':
      return accept(line.slice(token.offset).trimEnd(), tokens.length);
    case 'number': {
      if (!/^\d+$/.test(token.text)) return null;
      const n = Number(token.text);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return null;
      return accept(String(n), i + 1);
    }
    case 'ipv4':
      return isIpv4(token.text) ? accept(token.text, i + 1) : null;
    case 'address': {
      const [address = '', prefix] = token.text.split('/');
      const ok = isIpv4(address) && (prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32));
      return ok ? accept(token.text, i + 1) : null;
    }
    case 'interface': {
      const alone = ctx.parseInterface(token.text);
      if (alone !== null) return accept(alone, i + 1);
      const next = tokens[i + 1];
      const joined = next === undefined ? null : ctx.parseInterface(`${token.text} ${next.text}`);
      return joined === null ? null : accept(joined, i + 2);
    }
  }
}

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
