/** One whitespace-separated word of a chat command, with its quotes removed. */
export interface ChatToken {
  value: string;
  /** Offsets in the original text, end exclusive. */
  start: number;
  end: number;
  /** Index in `value` of the first `=` outside quotes, or -1: in `k="a=b"` the value is `a=b`. */
  equalsAt: number;
  /** The token had quotes somewhere (so `"--dry-run"` is not a flag). */
  quoted: boolean;
}

// Slack and phones turn straight quotes into typographic ones, and not always in matching pairs:
// any quote of the same family closes.
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E', '\u201F']);
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

export class UnterminatedQuoteError extends Error {
  constructor(readonly position: number) {
    super(`unterminated quote at character ${position + 1}`);
    this.name = 'UnterminatedQuoteError';
  }
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/** Reads the next token at or after `from`; null at the end of the text. Throws UnterminatedQuoteError. */
export function readToken(text: string, from: number): ChatToken | null {
  let i = from;
  while (i < text.length && isSpace(text[i] ?? '')) i++;
  if (i >= text.length) return null;
  const start = i;
  let value = '';
  let equalsAt = -1;
  let quoted = false;
  let family: Set<string> | null = null;
  let openedAt = -1;
  for (; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (family) {
      if (family.has(ch)) family = null;
      else value += ch;
    } else if (isSpace(ch)) {
      break;
    } else if (DOUBLE_QUOTES.has(ch) || SINGLE_QUOTES.has(ch)) {
      family = DOUBLE_QUOTES.has(ch) ? DOUBLE_QUOTES : SINGLE_QUOTES;
      quoted = true;
      openedAt = i;
    } else {
      if (ch === '=' && equalsAt < 0) equalsAt = value.length;
      value += ch;
    }
  }
  if (family) throw new UnterminatedQuoteError(openedAt);
  return { value, start, end: i, equalsAt, quoted };
}

/** All tokens from `from` to the end. */
export function tokenize(text: string, from = 0): ChatToken[] {
  const tokens: ChatToken[] = [];
  let token = readToken(text, from);
  while (token) {
    tokens.push(token);
    token = readToken(text, token.end);
  }
  return tokens;
}

/** Free text (a reject reason): trimmed, and unquoted when the whole text is one quoted string. */
export function freeText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length >= 2) {
    const first = trimmed[0] ?? '';
    const last = trimmed[trimmed.length - 1] ?? '';
    const family = DOUBLE_QUOTES.has(first) ? DOUBLE_QUOTES : SINGLE_QUOTES.has(first) ? SINGLE_QUOTES : null;
    const inner = trimmed.slice(1, -1);
    if (family?.has(last) && ![...inner].some((ch) => family.has(ch))) return inner.trim() || null;
  }
  return trimmed === '' ? null : trimmed;
}
