/**
 * Keystrokes received on a terminal, read as whole lines or single keys. Handles CR, LF and CRLF as one
 * Enter, backspace/DEL editing, and Ctrl-Z (returned as a line of its own).
 */
export class KeyQueue {
  private buffer = '';
  private closed = false;
  private wake: (() => void) | null = null;
  /** A CR ended the last line: an LF right after it belongs to the same Enter. */
  private swallowLf = false;

  push(text: string): void {
    this.buffer += text;
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** The next line without its terminator, '\x1a' for Ctrl-Z, or null once the input is closed. */
  async line(): Promise<string | null> {
    for (;;) {
      this.dropSwallowedLf();
      // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
      const end = this.buffer.search(/[\r\n\x1a]/);
      if (end >= 0) {
        const terminator = this.buffer[end];
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.swallowLf = terminator === '\r';
        if (terminator === '\x1a') return '\x1a';
        return applyBackspaces(raw);
      }
      if (!(await this.more())) return null;
    }
  }

  /** The next single key (for --More--), or null once the input is closed. */
  async key(): Promise<string | null> {
    for (;;) {
      this.dropSwallowedLf();
      if (this.buffer.length > 0) {
        const key = this.buffer[0] as string;
        this.buffer = this.buffer.slice(1);
        this.swallowLf = key === '\r';
        return key;
      }
      if (!(await this.more())) return null;
    }
  }

  private dropSwallowedLf(): void {
    if (this.swallowLf && this.buffer.length > 0) {
      if (this.buffer.startsWith('\n')) this.buffer = this.buffer.slice(1);
      this.swallowLf = false;
    }
  }

  private async more(): Promise<boolean> {
    if (this.closed) return false;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    return this.buffer.length > 0 || !this.closed;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function applyBackspaces(raw: string): string {
  if (!/[\b\x7f]/.test(raw)) return raw;
  const out: string[] = [];
  for (const ch of raw) {
    if (ch === '\b' || ch === '\x7f') out.pop();
    else out.push(ch);
  }
  return out.join('');
}
