import { NetOpsError, validationError } from '../errors/index.ts';
import { controlCharacterMessage, findControlCharacter } from './control-characters.ts';
import { PARAM_NAME_PATTERN, type ParamValue } from './param-spec.ts';
import { shellContexts, shellValue, UNSAFE_SHELL_PLACEHOLDER } from './shell-quote.ts';

// `{{name}}` with optional spaces inside the braces.
const PLACEHOLDER = /\{\{ *([^{}]*?) *\}\}/g;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

function templateError(field: string, message: string): NetOpsError {
  return validationError('TEMPLATE_INVALID', message, [{ field, message }]);
}

/** Throws TEMPLATE_INVALID for `{{ bad name }}` or a `{{` that never closes. */
function assertWellFormed(template: string): void {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!PARAM_NAME_PATTERN.test(name)) {
      throw templateError(name || 'template', `invalid placeholder ${match[0]}: use {{param_name}} with lower-case letters, digits and _`);
    }
  }
  if (template.replace(PLACEHOLDER, '').includes('{{')) {
    throw templateError('template', `unclosed {{ in ${JSON.stringify(template)}: use {{param_name}}`);
  }
}

/** The param names a template uses, each once, in order of first use. */
export function templateParamNames(template: string): string[] {
  assertWellFormed(template);
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names];
}

/** Escapes a value so a regex matches it literally (an IP's dots must not match any character). */
export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/**
 * Substitutes `{{name}}` placeholders in one pass (a value containing `{{x}}` is not expanded again).
 * Refuses control characters in values even though validateParams already did: defence in depth against
 * a caller that skipped validation. `shell` (Linux targets): each value becomes one quoted shell word.
 */
export function renderTemplate(template: string, values: Record<string, ParamValue>, opts?: { escapeRegex?: boolean; shell?: boolean }): string {
  assertWellFormed(template);
  const contexts = opts?.shell ? shellContexts(template) : null;
  let at = 0;
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const context = contexts?.[at++];
    if (!Object.hasOwn(values, name)) {
      const known = Object.keys(values);
      throw templateError(name, `unknown param {{${name}}}; known params: ${known.length > 0 ? known.join(', ') : 'none'}`);
    }
    const value: unknown = values[name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw validationError('PARAM_INVALID', `${name} has no usable value`, [{ field: name, message: 'must be a string, number or boolean' }]);
    }
    const text = String(value);
    const hit = findControlCharacter(text);
    if (hit) {
      const message = controlCharacterMessage(name, hit);
      throw validationError('PARAM_INVALID', message, [{ field: name, message }]);
    }
    if (context === undefined) return opts?.escapeRegex ? escapeRegex(text) : text;
    const quoted = shellValue(text, context);
    if (quoted === null) throw templateError(name, `{{${name}}} ${UNSAFE_SHELL_PLACEHOLDER}`);
    return quoted;
  });
}
