/**
 * Control characters end or split a command line on a device CLI (CR/LF, NUL, ESC, C1, U+2028/2029),
 * so no value that reaches a command may carry one: it could inject a second command.
 * Bidirectional-text controls are refused too: they make a value read differently in the approval message
 * than what the device receives.
 */
export interface ControlCharacterHit {
  index: number;
  codePoint: number;
  /** e.g. "a line break (U+000A)". */
  description: string;
  kind: 'control' | 'bidi';
}

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'a NUL byte',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'an escape character',
  0x7f: 'a delete character',
  0x85: 'a next-line character',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
};

export function isControlCodePoint(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
}

/** Embedding, override and isolate controls (the "Trojan Source" characters). */
export function isBidiControlCodePoint(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

export function findControlCharacter(text: string): ControlCharacterHit | null {
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    const bidi = isBidiControlCodePoint(cp);
    if (bidi || isControlCodePoint(cp)) {
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      const name = bidi ? 'a bidirectional-text control' : NAMES[cp] ?? 'a control character';
      return { index: i, codePoint: cp, description: `${name} (${hex})`, kind: bidi ? 'bidi' : 'control' };
    }
  }
  return null;
}

/** The operator-facing reason a value or command is refused. */
export function controlCharacterMessage(subject: string, hit: ControlCharacterHit): string {
  return hit.kind === 'bidi'
    ? `${subject} contains ${hit.description}; it is refused because it makes the text display differently from what the device receives`
    : `${subject} contains ${hit.description}; control characters and line breaks are refused because they could inject a second command`;
}
