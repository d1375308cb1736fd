import { StringDecoder } from 'node:string_decoder';
import type { Duplex } from 'node:stream';
import type { CliResult } from './cli-result.ts';
import { KeyQueue } from './key-queue.ts';
import type { LabFault } from './lab-fault.ts';
import type { TerminalCli } from './terminal-cli.ts';

/** What a terminal needs from its device. */
export interface TerminalHooks {
  fault(): LabFault | null;
  commandDelayMs: number;
  banner: string;
  /** Records a received line in the device's commandLog. */
  log(line: string): void;
  /** Drops the whole SSH connection (the drop fault, exit/logout). */
  disconnect(): void;
}

const CTRL_Z = '\x1a';
/** Page length a device falls back to when it ignores `terminal length 0` (the ignoreTerminalLength fault). */
const DEFAULT_PAGE = 24;

/** The I/O side of one simulated interactive session: echo, prompts, paging, questions and faults. */
export class LabTerminal {
  private readonly input = new KeyQueue();
  private readonly decoder = new StringDecoder('utf8');
  private closed = false;
  /** Text written since the last flush: output and the prompt after it leave as one SSH packet, as on a device. */
  private pending = '';

  constructor(
    private readonly stream: Duplex,
    private readonly cli: TerminalCli,
    private readonly hooks: TerminalHooks,
  ) {}

  start(): void {
    this.stream.on('data', (data: Buffer) => this.input.push(this.decoder.write(data)));
    this.stream.on('close', () => this.stop());
    this.stream.on('end', () => this.stop());
    this.stream.on('error', () => this.stop());
    void this.loop().catch(() => this.stop());
  }

  private stop(): void {
    this.closed = true;
    this.input.close();
  }

  private async loop(): Promise<void> {
    if (this.hooks.banner !== '') this.write(`\n${this.hooks.banner}\n\n`);
    for (;;) {
      this.write(this.decorate(this.cli.prompt(), true));
      const line = await this.nextLine();
      if (line === null || this.closed) return;
      const ctrlZ = line === CTRL_Z;
      this.write(ctrlZ ? `${this.cli.ctrlZEcho ?? ''}\n` : `${line}\n`);
      this.hooks.log(ctrlZ ? '^Z' : line);
      const fault = this.hooks.fault();
      if (fault?.kind === 'hang') {
        this.flush();
        return; // keep the connection open, answer nothing more
      }
      const delay = this.hooks.commandDelayMs + (fault?.kind === 'slow' ? fault.delayMs : 0);
      if (delay > 0) {
        this.flush(); // the echo comes before the device's thinking time
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      if (this.closed || !(await this.present(this.cli.execute(line)))) return;
    }
  }

  /** Shows a result (paged), asks its question if any. False when the session ended. */
  private async present(result: CliResult): Promise<boolean> {
    if (!(await this.page(result.output))) return false;
    if (result.close === true) {
      this.disconnect();
      return false;
    }
    if (result.ask === undefined) return true;
    this.write(result.ask.prompt);
    const reply = await this.nextLine();
    if (reply === null || this.closed) return false;
    this.hooks.log(result.ask.secret ? '********' : reply);
    const echo = !result.ask.secret || this.hooks.fault()?.kind === 'echoSecrets';
    this.write(`${echo ? reply : ''}\n`);
    return this.present(result.ask.answer(reply));
  }

  private async page(output: string): Promise<boolean> {
    const fault = this.hooks.fault();
    if (fault?.kind === 'drop') {
      this.write(this.decorate(output.slice(0, Math.ceil(output.length / 2)), false));
      this.disconnect();
      return false;
    }
    if (output === '') return true;
    const lines = output.endsWith('\n') ? output.slice(0, -1).split('\n') : output.split('\n');
    const pageLength = this.cli.pageLength;
    const length = fault?.kind === 'ignoreTerminalLength' && pageLength === 0 ? DEFAULT_PAGE : pageLength;
    if (length === 0 || lines.length <= length) {
      this.write(this.decorate(output.endsWith('\n') ? output : `${output}\n`, false));
      return true;
    }
    let next = 0;
    let take = length;
    while (next < lines.length) {
      this.write(this.decorate(`${lines.slice(next, next + take).join('\n')}\n`, false));
      next += take;
      if (next >= lines.length) break;
      const prompt = this.cli.pager.prompt(Math.floor((next * 100) / lines.length));
      this.write(prompt);
      this.flush();
      const key = await this.input.key();
      if (key === null || this.closed) return false;
      this.write(this.cli.pager.erase(prompt));
      if (key === ' ') take = length;
      else if (key === '\r' || key === '\n') take = 1;
      else break; // q or any other key ends the output
    }
    return true;
  }

  /** Adds ANSI noise when the device has the ansi fault. */
  private decorate(text: string, isPrompt: boolean): string {
    if (this.hooks.fault()?.kind !== 'ansi') return text;
    if (isPrompt) return `\x1b[0m\x1b[K${text}`;
    return text
      .split('\n')
      .map((line, i) => (line === '' ? line : i % 3 === 0 ? `\x1b[1;32m${line}\x1b[0m` : `${line}\x1b[K`))
      .join('\n');
  }

  private write(text: string): void {
    this.pending += text;
  }

  /** Sends what was written, before any wait (keystrokes, the command delay) and before a disconnect. */
  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (text === '' || this.closed || this.stream.destroyed || !this.stream.writable) return;
    // Bare '\r' (pager erase) passes as is; every '\n' becomes CRLF, as a terminal line discipline would.
    this.stream.write(text.replace(/\r?\n/g, '\r\n'));
  }

  private nextLine(): Promise<string | null> {
    this.flush();
    return this.input.line();
  }

  private disconnect(): void {
    this.flush();
    this.hooks.disconnect();
  }
}
