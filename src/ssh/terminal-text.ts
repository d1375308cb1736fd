/**
 * What a terminal session sends, turned into plain text: ANSI escape sequences removed, backspaces applied,
 * CRLF / LFCR / bare CR normalised to LF. Every step is one linear pass (outputs can be megabytes).
 */

// CSI (ESC [ … final), OSC (ESC ] … BEL/ST), charset selection (ESC ( B), other two-byte escapes (ESC 7, ESC =).
// eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[@-Z\\^_=>78]|\x9b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') || text.includes('\x9b') ? text.replace(ANSI, '') : text;
}

/** Each backspace erases the character before it on the same line (what a terminal would show). */
export function applyBackspaces(text: string): string {
  if (!text.includes('\b')) return text;
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\b') {
      if (out.length > 0 && out[out.length - 1] !== '\n') out.pop();
    } else {
      out.push(ch);
    }
  }
  return out.join('');
}

export function normalizeLineEndings(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r+\n/g, '\n').replace(/\n\r+/g, '\n').replace(/\r/g, '');
}

/**
 * The full cleaning pipeline. `pagerCleanup` (the driver's) removes pager prompts and their erase sequences
 * before backspaces are applied, so the erase does not eat real output.
 */
export function normalizeTerminalText(raw: string, pagerCleanup?: RegExp): string {
  let text = stripAnsi(raw);
  if (pagerCleanup !== undefined) text = text.replace(pagerCleanup, '');
  return normalizeLineEndings(applyBackspaces(text));
}

/** The text after the last line break (CR or LF): where a prompt sits. */
export function lastLine(text: string): string {
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return text.slice(cut + 1);
}
