/**
 * Param values in commands for Linux hosts, which run each exec line through the user's shell (`sh -c`).
 * A value is always one literal word: it is single-quoted (a `'` inside becomes `'\''`), so `;`, `&&`, `|`,
 * `$(…)`, backticks, globs and spaces in it are plain characters. The template's own quoting is respected:
 * inside '…' or "…" the quote is closed, the value single-quoted, and the quote reopened. Where no quoting
 * can hold (inside $(…), backticks, ${…}, $'…', or right after a backslash) the template is refused.
 */

/** Where a placeholder sits in the template's shell syntax. */
export type ShellContext = 'bare' | 'single' | 'double' | 'unsafe';

type Frame = 'top' | 'single' | 'double' | 'sub' | 'backtick' | 'brace' | 'ansi';

// `{{name}}` with optional spaces inside the braces (the same as templating.ts).
const PLACEHOLDER = /\{\{ *([^{}]*?) *\}\}/g;
/** Characters a shell never treats specially inside a word (as Python's shlex.quote): such values stay as typed. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
const NESTED: readonly Frame[] = ['sub', 'backtick', 'brace', 'ansi'];

/** `'it'\''s'`: a single-quoted shell word holding exactly `text`. */
export function shellQuote(text: string): string {
  if (PLAIN.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The value to put at a placeholder in the given context; null when it cannot be quoted there. */
export function shellValue(text: string, context: ShellContext): string | null {
  if (PLAIN.test(text)) return context === 'unsafe' ? null : text;
  switch (context) {
    case 'bare':
      return shellQuote(text);
    case 'single':
      return `'${shellQuote(text)}'`;
    case 'double':
      return `"${shellQuote(text)}"`;
    case 'unsafe':
      return null;
  }
}

function toggle(stack: Frame[], frame: Frame): void {
  if (stack[stack.length - 1] === frame) stack.pop();
  else stack.push(frame);
}

/** Follows the shell's quoting through a literal piece of template; returns whether a backslash is pending. */
function scan(literal: string, stack: Frame[], escaped: boolean): boolean {
  let pending = escaped;
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i];
    const next = literal[i + 1];
    const top = stack[stack.length - 1] ?? 'top';
    if (pending) {
      pending = false;
      continue;
    }
    if (top === 'single') {
      if (c === "'") stack.pop();
      continue;
    }
    if (top === 'ansi') {
      if (c === '\\') pending = true;
      else if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') pending = true;
    else if (c === '"') toggle(stack, 'double');
    else if (c === '`') toggle(stack, 'backtick');
    else if (c === '$' && (next === '(' || next === '{')) {
      stack.push(next === '(' ? 'sub' : 'brace');
      i++;
    } else if (c === '$' && next === "'" && top !== 'double') {
      stack.push('ansi');
      i++;
    } else if (top === 'double') continue;
    else if (c === "'") stack.push('single');
    else if (c === '(' && top === 'sub') stack.push('sub');
    else if ((c === ')' && top === 'sub') || (c === '}' && top === 'brace')) stack.pop();
  }
  return pending;
}

/** The shell context of each placeholder of a template, in order. */
export function shellContexts(template: string): ShellContext[] {
  const stack: Frame[] = [];
  const out: ShellContext[] = [];
  let escaped = false;
  let from = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    escaped = scan(template.slice(from, match.index), stack, escaped);
    from = match.index + match[0].length;
    const top = stack[stack.length - 1] ?? 'top';
    if (escaped || stack.some((f) => NESTED.includes(f))) out.push('unsafe');
    else out.push(top === 'single' ? 'single' : top === 'double' ? 'double' : 'bare');
    escaped = false;
  }
  return out;
}

export const UNSAFE_SHELL_PLACEHOLDER =
  'sits where a Linux shell value cannot be quoted (inside $(…), backticks, ${…} or $\'…\', or after a backslash): ' +
  'move it out; NetOps single-quotes each value for you, so write `echo {{note}}`, not `echo $(printf {{note}})`';
