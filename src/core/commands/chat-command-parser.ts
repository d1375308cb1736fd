import { NetOpsError } from '../errors/index.ts';
import { displayValue } from '../workflows/display-value.ts';
import { WORKFLOW_NAME_PATTERN } from '../workflows/workflow-definition.ts';
import type { ChatIntent } from './chat-intent.ts';
import { freeText, readToken, tokenize, UnterminatedQuoteError, type ChatToken } from './chat-tokenizer.ts';
import { CHAT_VERBS, isChatVerb, type ChatVerb } from './chat-verbs.ts';
import { nearest } from './edit-distance.ts';
import { RUN_REF_FORMS, USAGE } from './help-text.ts';
import { tryParseRunRef, type RunRef } from './run-ref.ts';
import { DEVICE_NAME_PATTERN, formatTarget, parseTarget } from './target-selector.ts';

const MAX_COMMAND_LENGTH = 4000;
const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const FLAGS = ['--dry-run'] as const;
// Autocorrect turns "--" into an em or en dash.
const DASH_PREFIX = /^(?:--|\u2014|\u2013)/;
// Slack slash commands strip "/netops"; a mention or a pasted command may not.
const BOT_PREFIX = /^\/?netops$/i;

export interface ParseErrorDetails {
  usage: string;
  suggestion?: string;
}

function parseError(problem: string, verb: ChatVerb): NetOpsError {
  const details: ParseErrorDetails = { usage: USAGE[verb] };
  return new NetOpsError('COMMAND_PARSE_FAILED', `${problem}. Usage: ${USAGE[verb]}`, details);
}

function withQuoteErrors<T>(verb: ChatVerb, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnterminatedQuoteError) throw parseError(`Unterminated quote at character ${err.position + 1}: close it with the same kind of quote`, verb);
    throw err;
  }
}

function tokensOrFail(text: string, from: number, verb: ChatVerb): ChatToken[] {
  return withQuoteErrors(verb, () => tokenize(text, from));
}

function readTokenOrFail(text: string, from: number, verb: ChatVerb): ChatToken | null {
  return withQuoteErrors(verb, () => readToken(text, from));
}

function noArguments(tokens: ChatToken[], verb: ChatVerb): void {
  const extra = tokens[0];
  if (extra) throw parseError(`"${verb}" takes no arguments, got ${displayValue(extra.value, 40)}`, verb);
}

function runRefArgument(tokens: ChatToken[], verb: ChatVerb): RunRef {
  const first = tokens[0];
  if (!first) throw parseError(`Which run? Give ${RUN_REF_FORMS}`, verb);
  const ref = tryParseRunRef(first.value);
  if (!ref) throw parseError(`${displayValue(first.value, 40)} is not a run: give ${RUN_REF_FORMS}`, verb);
  const extra = tokens[1];
  if (extra) throw parseError(`Unexpected ${displayValue(extra.value, 40)} after the run`, verb);
  return ref;
}

function parseRun(tokens: ChatToken[]): ChatIntent {
  const flags = new Set<string>();
  const words: ChatToken[] = [];
  for (const token of tokens) {
    if (!token.quoted && DASH_PREFIX.test(token.value) && token.equalsAt < 0) {
      const flag = token.value.replace(DASH_PREFIX, '--').toLowerCase();
      if (!(FLAGS as readonly string[]).includes(flag)) throw parseError(`Unknown option ${displayValue(token.value, 40)} (allowed: ${FLAGS.join(', ')})`, 'run');
      flags.add(flag);
    } else {
      words.push(token);
    }
  }
  const [workflowToken, onToken, ...rest] = words;
  if (!workflowToken) throw parseError('Which workflow? Type "workflows" to list them', 'run');
  const workflow = workflowToken.value.toLowerCase();
  if (!WORKFLOW_NAME_PATTERN.test(workflow)) {
    throw parseError(`${displayValue(workflowToken.value, 40)} is not a workflow name (lower-case letters, digits and dashes)`, 'run');
  }
  if (!onToken || onToken.value.toLowerCase() !== 'on' || onToken.quoted) {
    throw parseError(`Expected "on TARGET" after the workflow name${onToken ? `, got ${displayValue(onToken.value, 40)}` : ''}`, 'run');
  }
  // The target may be spread over tokens around commas: "sw1, sw2" or "sw1 ,sw2".
  let targetText = '';
  let i = 0;
  while (i < rest.length) {
    const token = rest[i];
    if (!token || (targetText !== '' && !targetText.endsWith(',') && !token.value.startsWith(','))) break;
    if (token.equalsAt >= 0) break;
    targetText += token.value;
    i++;
  }
  if (targetText === '') throw parseError('Which devices? Give a TARGET after "on"', 'run');
  const target = parseTarget(targetText);

  const params = new Map<string, string>();
  for (const token of rest.slice(i)) {
    // `k="a=b"` splits at the unquoted `=`; a wholly quoted `"k=a b"` at its first one.
    const equalsAt = token.equalsAt >= 0 ? token.equalsAt : token.value.indexOf('=');
    if (equalsAt < 0) throw parseError(`Unexpected ${displayValue(token.value, 40)}: params are written key=value`, 'run');
    const key = token.value.slice(0, equalsAt);
    if (!PARAM_KEY.test(key)) throw parseError(`${displayValue(key, 40)} is not a param name (letters, digits and _)`, 'run');
    if (params.has(key)) throw parseError(`Param ${key} is given twice`, 'run');
    params.set(key, token.value.slice(equalsAt + 1));
  }
  // fromEntries defines own properties, so a key like __proto__ stays an ordinary (unknown) param.
  return { kind: 'run', workflow, targetText: formatTarget(target), target, params: Object.fromEntries(params), dryRun: flags.has('--dry-run') };
}

function unknownVerb(word: string): NetOpsError {
  const suggestion = nearest(word.toLowerCase(), CHAT_VERBS);
  const usage = CHAT_VERBS.map((v) => USAGE[v]).join('\n');
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const details: ParseErrorDetails = suggestion ? { usage, suggestion } : { usage };
  return new NetOpsError('COMMAND_PARSE_FAILED', `Unknown command ${displayValue(word, 40)}.${hint} Commands: ${CHAT_VERBS.join(', ')}. Type "help" for details.`, details);
}

/**
 * Parses the text of a chat command (after `/netops`) into an intent. Empty text asks for help.
 * Throws COMMAND_PARSE_FAILED (details: usage, suggestion) or TARGET_INVALID; never anything without a code.
 */
export function parseChatCommand(text: string): ChatIntent {
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new NetOpsError('COMMAND_PARSE_FAILED', `The command is longer than ${MAX_COMMAND_LENGTH} characters.`, { usage: CHAT_VERBS.map((v) => USAGE[v]).join('\n') });
  }
  let verbToken: ChatToken | null;
  try {
    verbToken = readToken(text, 0);
    if (verbToken && !verbToken.quoted && BOT_PREFIX.test(verbToken.value)) verbToken = readToken(text, verbToken.end);
  } catch (err) {
    if (err instanceof UnterminatedQuoteError) throw unknownVerb(text.trim().split(/\s+/)[0] ?? text);
    throw err;
  }
  if (!verbToken) return { kind: 'help', topic: null };
  const word = verbToken.value.toLowerCase();
  const verb = word === '?' ? 'help' : word;
  if (!isChatVerb(verb)) throw unknownVerb(verbToken.value);

  const after = verbToken.end;
  const args = (): ChatToken[] => tokensOrFail(text, after, verb);
  switch (verb) {
    case 'help': {
      const topic = args()[0];
      return { kind: 'help', topic: topic ? topic.value.toLowerCase() : null };
    }
    case 'devices':
      return { kind: 'devices', filter: freeText(text.slice(after)) };
    case 'workflows':
    case 'whoami':
      noArguments(args(), verb);
      return { kind: verb };
    case 'run':
      return parseRun(args());
    case 'status':
    case 'cancel':
    case 'diff':
      return { kind: verb, runRef: runRefArgument(args(), verb) };
    case 'approve':
    case 'reject': {
      // The comment is free text ("don't"), so only the run reference is tokenized.
      const refToken = readTokenOrFail(text, after, verb);
      const runRef = runRefArgument(refToken ? [refToken] : [], verb);
      const note = freeText(text.slice(refToken?.end ?? after));
      return verb === 'approve' ? { kind: 'approve', runRef, comment: note } : { kind: 'reject', runRef, reason: note };
    }
    case 'history': {
      const tokens = args();
      const device = tokens[0];
      if (tokens[1]) throw parseError(`Unexpected ${displayValue(tokens[1].value, 40)}: give one device`, verb);
      if (device && !DEVICE_NAME_PATTERN.test(device.value)) throw parseError(`${displayValue(device.value, 40)} is not a device name`, verb);
      return { kind: 'history', device: device?.value ?? null };
    }
  }
}
