import { tokenize, UnterminatedQuoteError } from '../../core/commands/chat-tokenizer.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { displayValue } from '../../core/workflows/display-value.ts';
import { DISCORD_USAGE } from './discord-usage.ts';

const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

function paramError(problem: string): NetOpsError {
  return new NetOpsError('COMMAND_PARSE_FAILED', `params: ${problem}.`, { usage: DISCORD_USAGE.run });
}

/**
 * Parses the `params` option (`number=100 description="core uplink"`) with the chat tokenizer, so quoting
 * works as in text chat. Values stay strings: the workflow's param specs type and check them.
 */
export function parseRunParams(text: string | null): Record<string, string> {
  if (!text) return {};
  let tokens;
  try {
    tokens = tokenize(text);
  } catch (err) {
    if (err instanceof UnterminatedQuoteError) throw paramError(`unterminated quote at character ${err.position + 1}: close it with the same kind of quote`);
    throw err;
  }
  const params = new Map<string, string>();
  for (const token of tokens) {
    const equalsAt = token.equalsAt >= 0 ? token.equalsAt : token.value.indexOf('=');
    if (equalsAt < 0) throw paramError(`${displayValue(token.value, 40)} is not key=value`);
    const key = token.value.slice(0, equalsAt);
    if (!PARAM_KEY.test(key)) throw paramError(`${displayValue(key, 40)} is not a param name (letters, digits and _)`);
    if (params.has(key)) throw paramError(`${key} is given twice`);
    params.set(key, token.value.slice(equalsAt + 1));
  }
  // fromEntries defines own properties: a key like __proto__ stays an ordinary (unknown) param.
  return Object.fromEntries(params);
}
