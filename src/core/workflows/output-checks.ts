import { checkOperator, type CheckSpec } from './check-spec.ts';
import { displayValue } from './display-value.ts';

export interface CheckVerdict {
  passed: boolean;
  /** Why it failed: what was expected and (trimmed) what was seen. Null when it passed. */
  reason: string | null;
}

const EXCERPT = 200;

function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function seen(output: string): string {
  const trimmed = output.trim();
  return trimmed === '' ? 'the output was empty' : `saw ${displayValue(trimmed, EXCERPT)}`;
}

/** The line holding a match, for "found X in: <line>". */
function lineAt(output: string, index: number): string {
  const start = output.lastIndexOf('\n', index - 1) + 1;
  const end = output.indexOf('\n', index);
  return output.slice(start, end < 0 ? undefined : end).trim();
}

function compile(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, 'm');
  } catch (err) {
    return (err as Error).message;
  }
}

/** Applies a step's check to a command's output. No check passes. Regexes are multiline (^ and $ per line). */
export function evaluateCheck(check: CheckSpec | null, output: string): CheckVerdict {
  if (check === null) return { passed: true, reason: null };
  const text = normaliseLineEndings(output);
  const { kind, value } = checkOperator(check);
  const quoted = displayValue(value, EXCERPT);
  switch (kind) {
    case 'contains':
      return text.includes(value) ? ok() : fail(`expected the output to contain ${quoted}; ${seen(text)}`);
    case 'not_contains': {
      const at = text.indexOf(value);
      return at < 0 ? ok() : fail(`expected the output not to contain ${quoted}; found it in ${displayValue(lineAt(text, at), EXCERPT)}`);
    }
    case 'regex':
    case 'not_regex': {
      const re = compile(value);
      if (typeof re === 'string') return fail(`the check's regular expression ${quoted} is invalid: ${re}`);
      const match = re.exec(text);
      if (kind === 'regex') return match ? ok() : fail(`expected the output to match /${value}/; ${seen(text)}`);
      return match ? fail(`expected the output not to match /${value}/; found ${displayValue(lineAt(text, match.index), EXCERPT)}`) : ok();
    }
    case 'equals': {
      const expected = normaliseLineEndings(value).trim();
      return text.trim() === expected ? ok() : fail(`expected the output to equal ${displayValue(expected, EXCERPT)}; ${seen(text)}`);
    }
  }
}

function ok(): CheckVerdict {
  return { passed: true, reason: null };
}

function fail(reason: string): CheckVerdict {
  return { passed: false, reason };
}
