import { isBidiControlCodePoint, isControlCodePoint } from './control-characters.ts';

/**
 * Quotes a value for an error message or check reason: control characters are shown escaped (so a chat
 * message never carries a raw line break or terminal escape) and long values are cut.
 */
export function displayValue(value: unknown, maxLength = 80): string {
  const quoted = typeof value === 'string';
  const text = quoted ? value : JSON.stringify(value) ?? String(value);
  // A code point is at most two UTF-16 units, so this head holds enough; device output can be megabytes.
  const head = [...text.slice(0, maxLength * 2)];
  const cut = head.length > maxLength || text.length > maxLength * 2 ? `${head.slice(0, maxLength).join('')}…` : text;
  let out = '';
  for (const ch of cut) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (quoted && (ch === '"' || ch === '\\')) out += `\\${ch}`;
    else if (isControlCodePoint(cp) || isBidiControlCodePoint(cp)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return quoted ? `"${out}"` : out;
}
