import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import { PromptReader, type ReadTarget, type ReaderSignal } from './prompt-reader.ts';
import type { SecretMasker } from './secret-masker.ts';

export interface ReadLimits {
  /** From sending to the prompt. */
  totalMs: number;
  /** Longest silence allowed while waiting. */
  idleMs: number;
}

export interface ReadContext {
  device: string;
  /** What is awaited, for messages: 'command "show version"', 'the initial prompt'. */
  what: string;
  /** Code when time runs out: COMMAND_TIMEOUT, or PROMPT_NOT_DETECTED for the login prompt. */
  timeoutCode: 'COMMAND_TIMEOUT' | 'PROMPT_NOT_DETECTED';
  /** False once a configuration command has left: the caller must not blindly retry. */
  retryable: boolean;
  /** Sent once when the first idle period ends without a prompt (devices that print it only after Enter). */
  nudge?: string;
}

export interface ReadResult {
  raw: string;
  signal: Extract<ReaderSignal, { kind: 'prompt' | 'stop' }>;
}

interface ActiveRead {
  reader: PromptReader;
  ctx: ReadContext;
  limits: ReadLimits;
  nudged: boolean;
  total: NodeJS.Timeout;
  idle: NodeJS.Timeout;
  resolve(result: ReadResult): void;
  reject(err: NetOpsError): void;
}

const EXCERPT = 200;

/** An interactive shell channel, read one exchange at a time until a prompt, with total and idle timeouts. */
export class ShellChannel {
  private readonly decoder = new StringDecoder('utf8');
  private active: ActiveRead | null = null;
  private closed = false;

  constructor(
    private readonly stream: ClientChannel,
    private readonly masker: SecretMasker,
  ) {
    stream.on('data', (data: Buffer) => this.onData(this.decoder.write(data)));
    stream.stderr.on('data', () => undefined);
    stream.on('close', () => this.onClose());
    stream.on('error', () => this.onClose());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends `text` (when not null) and resolves once the target's prompt or a stop pattern ends the output. */
  exchange(text: string | null, target: ReadTarget, limits: ReadLimits, ctx: ReadContext): Promise<ReadResult> {
    if (this.active !== null) throw new NetOpsError('INTERNAL', 'two reads at once on one shell');
    if (this.closed) return Promise.reject(this.closedError(ctx, null));
    return new Promise<ReadResult>((resolve, reject) => {
      const reader = new PromptReader(target, 512 + this.masker.longest);
      const read: ActiveRead = {
        reader,
        ctx,
        limits,
        nudged: false,
        total: setTimeout(() => this.timeout('command'), limits.totalMs),
        idle: setTimeout(() => this.timeout('idle'), limits.idleMs),
        resolve,
        reject,
      };
      this.active = read;
      if (text !== null) this.stream.write(text);
    });
  }

  /** Ends the channel; a read in progress fails with SESSION_CLOSED. */
  close(): void {
    if (this.closed) return;
    this.stream.end();
    this.onClose();
  }

  private onData(text: string): void {
    const read = this.active;
    if (read === null || text === '') return; // output nobody waits for (e.g. a late syslog line) is dropped
    read.idle.refresh();
    const signal = read.reader.push(text);
    if (signal.kind === 'answer') this.stream.write(signal.answer.reply);
    else if (signal.kind === 'prompt' || signal.kind === 'stop') this.settle(read).resolve({ raw: read.reader.text(), signal });
  }

  private onClose(): void {
    this.closed = true;
    const read = this.active;
    if (read !== null) this.settle(read).reject(this.closedError(read.ctx, read.reader));
  }

  private timeout(which: 'command' | 'idle'): void {
    const read = this.active;
    if (read === null) return;
    if (which === 'idle' && read.ctx.nudge !== undefined && !read.nudged) {
      read.nudged = true;
      read.idle.refresh();
      this.stream.write(read.ctx.nudge);
      return;
    }
    const { ctx, limits, reader } = this.settle(read);
    const excerpt = this.excerpt(reader);
    const ms = which === 'command' ? limits.totalMs : limits.idleMs;
    const why = which === 'command' ? `no prompt within ${ms} ms` : `nothing received for ${ms} ms`;
    const message =
      ctx.timeoutCode === 'PROMPT_NOT_DETECTED'
        ? `No prompt detected from ${ctx.device} (${why}); last received: "${excerpt}"`
        : `Timed out waiting for ${ctx.what} on ${ctx.device}: ${why}`;
    read.reject(
      new NetOpsError(
        ctx.timeoutCode,
        message,
        { device: ctx.device, waitingFor: ctx.what, timeout: which, timeoutMs: ms, bytesReceived: reader.received, lastOutput: excerpt },
        { retryable: ctx.retryable },
      ),
    );
  }

  private settle(read: ActiveRead): ActiveRead {
    clearTimeout(read.total);
    clearTimeout(read.idle);
    this.active = null;
    return read;
  }

  private closedError(ctx: ReadContext, reader: PromptReader | null): NetOpsError {
    const excerpt = reader === null ? '' : this.excerpt(reader);
    return new NetOpsError(
      'SESSION_CLOSED',
      `${ctx.device} closed the session while waiting for ${ctx.what}`,
      { device: ctx.device, waitingFor: ctx.what, bytesReceived: reader?.received ?? 0, lastOutput: excerpt },
      { retryable: ctx.retryable },
    );
  }

  /** The last 200 characters, masked: the window is widened first so no secret is cut in half. */
  private excerpt(reader: PromptReader): string {
    return this.masker.mask(reader.excerpt(EXCERPT + this.masker.longest)).slice(-EXCERPT);
  }
}
