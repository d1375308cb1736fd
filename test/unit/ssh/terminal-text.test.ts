import { describe, expect, it } from 'vitest';
import { applyBackspaces, lastLine, normalizeLineEndings, normalizeTerminalText, stripAnsi } from '../../../src/ssh/index.ts';

describe('terminal text', () => {
  it('strips CSI, OSC, charset and two-byte escapes', () => {
    expect(stripAnsi('\x1b[1;32mGi0/0\x1b[0m up\x1b[K\x1b]0;title\x07\x1b(B\x1b=\x1b[?25h')).toBe('Gi0/0 up');
  });

  it('applies backspaces within a line only', () => {
    expect(applyBackspaces('abc\b\bd\n\bx')).toBe('ad\nx');
  });

  it('normalises CRLF, CRCRLF, LFCR and bare CR to LF', () => {
    expect(normalizeLineEndings('a\r\nb\r\r\nc\n\rd\re')).toBe('a\nb\nc\nde');
  });

  it('removes pager prompts with their erase sequence before applying backspaces', () => {
    // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
    const pager = / ?--More-- ?(?:\x08+ *\x08+)?/g;
    const raw = `line 24\r\n --More-- ${'\b'.repeat(9)}${' '.repeat(9)}${'\b'.repeat(9)}line 25\r\n`;
    expect(normalizeTerminalText(raw, pager)).toBe('line 24\nline 25\n');
  });

  it('finds the last line after either CR or LF', () => {
    expect(lastLine('a\r\nR1#')).toBe('R1#');
    expect(lastLine('a\rR1>')).toBe('R1>');
    expect(lastLine('R1#')).toBe('R1#');
  });
});
