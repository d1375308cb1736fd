import { performance } from 'node:perf_hooks';
import type { Client } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { CommandOutput, DeviceSession, SessionTimeouts } from '../core/ports/device-session.ts';
import { cleanCommandOutput, findErrorMarker } from './command-output.ts';
import { maskError } from './mask-error.ts';
import type { PlatformDriver } from './platform-driver.ts';
import type { ReadTarget } from './prompt-reader.ts';
import type { SecretMasker } from './secret-masker.ts';
import type { ReadContext, ReadResult, ShellChannel } from './shell-channel.ts';

export interface SshSessionParts {
  device: string;
  driver: PlatformDriver;
  channel: ShellChannel;
  /** Closed in order: the device's client first, then its jump host's. */
  clients: readonly Client[];
  masker: SecretMasker;
  timeouts: SessionTimeouts;
  enableSecret: string | undefined;
  hostKey: { fingerprint: string; wasUnknown: boolean };
  jumpHostKey?: { fingerprint: string; wasUnknown: boolean } | undefined;
}

interface Sent {
  /** False once a configuration command has left: a failure may have changed the device. */
  retryable: boolean;
}

/** A logged-in, privileged, paging-off interactive shell on one device. Calls are serialised. */
export class SshSession implements DeviceSession {
  readonly hostKeyFingerprint: string;
  readonly hostKeyWasUnknown: boolean;
  readonly jumpHostKey: { fingerprint: string; wasUnknown: boolean } | undefined;
  private readonly p: SshSessionParts;
  private hostname: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when a read failed mid-command: the shell is in an unknown state and is closed. */
  private broken: NetOpsError | null = null;
  private closing: Promise<void> | null = null;
  private readonly closedClients = new WeakSet<Client>();

  constructor(parts: SshSessionParts) {
    this.p = parts;
    this.hostKeyFingerprint = parts.hostKey.fingerprint;
    this.hostKeyWasUnknown = parts.hostKey.wasUnknown;
    this.jumpHostKey = parts.jumpHostKey;
    for (const client of parts.clients) {
      client.on('error', () => undefined); // surfaced as SESSION_CLOSED by the channel
      client.once('close', () => this.closedClients.add(client));
    }
  }

  /** Waits for the first prompt (after any banner), escalates privilege, prepares the terminal. */
  async start(): Promise<void> {
    const { driver } = this.p;
    const first = await this.exchange(null, this.target(driver.promptPattern), {
      what: 'the initial prompt',
      timeoutCode: 'PROMPT_NOT_DETECTED',
      retryable: true,
      nudge: driver.newline,
    });
    let prompt = this.notePrompt(first);
    const privilege = driver.privilege;
    if (privilege !== null && privilege.isUnprivileged(prompt)) {
      const stops = [privilege.passwordPrompt];
      let step = await this.exchange(privilege.command + driver.newline, this.target(this.promptRegex(), stops), this.ctx(privilege.command, true));
      if (step.signal.kind === 'stop') {
        if (this.p.enableSecret === undefined || this.p.enableSecret === '') {
          throw this.enableFailed(`${this.p.device} asks for an enable secret and none is configured`, step);
        }
        step = await this.exchange(this.p.enableSecret + driver.newline, this.target(this.promptRegex(), stops), this.ctx('the enable secret', true));
        if (step.signal.kind === 'stop') throw this.enableFailed(`${this.p.device} refused the enable secret`, step);
      }
      prompt = this.notePrompt(step);
      if (privilege.isUnprivileged(prompt)) throw this.enableFailed(`${this.p.device} refused the enable secret`, step);
    }
    for (const command of driver.prepareCommands) await this.execute(command, { retryable: true });
  }

  run(command: string): Promise<CommandOutput> {
    return this.serialise(() => this.execute(command, { retryable: true }));
  }

  runConfig(commands: readonly string[], onSent?: (command: string) => void | Promise<void>): Promise<CommandOutput[]> {
    return this.serialise(async () => {
      for (const command of commands) assertSingleLine(command);
      if (commands.length === 0) return [];
      const { config } = this.p.driver;
      const outputs: CommandOutput[] = [];
      const sent: Sent = { retryable: true };
      let inConfig = false;
      try {
        for (const command of config.enterCommands) {
          const out = await this.execute(command, sent);
          if (out.errorMarker !== null) throw new NetOpsError('COMMAND_ERROR', `${this.p.device} refused "${command}": ${out.errorMarker}`, { output: out.output });
          inConfig = true;
        }
        await this.sendBatch(commands, outputs, sent, onSent);
      } catch (err) {
        // Leave config mode if the shell still works, but report the first failure, not the exit's.
        if (inConfig && this.broken === null) await this.leaveConfig(sent).catch(() => undefined);
        throw err;
      }
      await this.leaveConfig(sent);
      return outputs;
    });
  }

  /** Sends the batch (stopping at the first error marker), then commits or aborts as the platform needs. */
  private async sendBatch(commands: readonly string[], outputs: CommandOutput[], sent: Sent, onSent?: (command: string) => void | Promise<void>): Promise<void> {
    const { config } = this.p.driver;
    for (const command of commands) {
      await onSent?.(command);
      sent.retryable = false;
      const out = await this.execute(command, sent);
      outputs.push(out);
      if (out.errorMarker !== null) break;
    }
    const failed = outputs.at(-1)?.errorMarker != null;
    for (const command of failed ? config.abortCommands : config.commitCommands) {
      const out = await this.execute(command, sent);
      if (out.errorMarker !== null) {
        outputs.push(out);
        break;
      }
    }
  }

  async runningConfig(): Promise<string> {
    const out = await this.run(this.p.driver.runningConfigCommand);
    if (out.errorMarker !== null) {
      throw new NetOpsError('COMMAND_ERROR', `${this.p.device} refused "${out.command}": ${out.errorMarker}`, { output: out.output.slice(0, 500) });
    }
    return stripHeader(out.output, this.p.driver.runningConfigStripPatterns);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.p.channel.close();
      for (const client of this.p.clients) if (!this.closedClients.has(client)) await endClient(client);
    })();
    return this.closing;
  }

  private async leaveConfig(sent: Sent): Promise<void> {
    for (const command of this.p.driver.config.exitCommands) {
      const out = await this.execute(command, sent);
      if (out.errorMarker !== null) throw new NetOpsError('COMMAND_ERROR', `${this.p.device} did not leave config mode: ${out.errorMarker}`, { output: out.output }, { retryable: sent.retryable });
    }
  }

  private async execute(command: string, sent: Sent): Promise<CommandOutput> {
    assertSingleLine(command);
    const started = performance.now();
    const { driver } = this.p;
    const mayRename = driver.promptChangingCommands.some((re) => re.test(command));
    const result = await this.exchange(command + driver.newline, this.target(mayRename ? driver.promptPattern : this.promptRegex()), this.ctx(`command "${command}"`, sent.retryable));
    this.notePrompt(result);
    const output = this.p.masker.mask(cleanCommandOutput(result.raw, command, driver));
    return {
      command: this.p.masker.mask(command),
      output,
      durationMs: Math.round(performance.now() - started),
      errorMarker: findErrorMarker(output, driver),
    };
  }

  private async exchange(text: string | null, target: ReadTarget, ctx: Omit<ReadContext, 'device'>): Promise<ReadResult> {
    if (this.broken !== null || this.closing !== null || !this.p.channel.isOpen) {
      const why = this.broken === null ? 'it was closed' : `an earlier failure (${this.broken.code})`;
      throw new NetOpsError('SESSION_CLOSED', `The session to ${this.p.device} is no longer usable after ${why}`, { device: this.p.device }, { retryable: ctx.retryable });
    }
    const { commandMs, idleMs } = this.p.timeouts;
    try {
      return await this.p.channel.exchange(text, target, { totalMs: commandMs, idleMs }, { ...ctx, device: this.p.device });
    } catch (err) {
      // After a timeout or a drop the shell's state is unknown: never send into it again.
      this.broken = err instanceof NetOpsError ? err : new NetOpsError('INTERNAL', String(err));
      void this.close();
      throw err;
    }
  }

  private target(prompt: RegExp, stops?: readonly RegExp[]): ReadTarget {
    const { driver } = this.p;
    return { prompt, stops, answers: [driver.pager, ...driver.autoAnswers], pagerCleanup: driver.pager.cleanup };
  }

  private ctx(what: string, retryable: boolean): Omit<ReadContext, 'device'> {
    return { what, timeoutCode: 'COMMAND_TIMEOUT', retryable };
  }

  private promptRegex(): RegExp {
    return this.hostname === null ? this.p.driver.promptPattern : this.p.driver.promptFor(this.hostname);
  }

  private notePrompt(result: ReadResult): string {
    if (result.signal.kind !== 'prompt') return '';
    if (result.signal.host !== null) this.hostname = result.signal.host;
    return result.signal.prompt;
  }

  private enableFailed(message: string, step: ReadResult): NetOpsError {
    const excerpt = this.p.masker.mask(cleanCommandOutput(step.raw, '', this.p.driver)).slice(-200);
    return new NetOpsError('ENABLE_FAILED', message, { device: this.p.device, lastOutput: excerpt });
  }

  /** One call at a time on the shell; errors leave with secrets masked. */
  private serialise<T>(fn: () => Promise<T>): Promise<T> {
    const masked = (): Promise<T> =>
      fn().catch((err: unknown) => {
        throw maskError(err, this.p.masker);
      });
    const next = this.queue.then(masked, masked);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Refuses input that would make the device run a second line: a param must never inject a command. */
function assertSingleLine(command: string): void {
  // eslint-disable-next-line no-control-regex -- terminal control bytes are the subject here
  if (/[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(command)) {
    throw new NetOpsError('VALIDATION_FAILED', 'A command must be one line without control characters', { command: command.slice(0, 200) });
  }
}

/** Drops header lines (`Building configuration...`) and the blank lines before the config. */
function stripHeader(text: string, patterns: readonly RegExp[]): string {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end);
    if (end < 0 || !(line.trim() === '' || patterns.some((re) => re.test(line)))) break;
    start = end + 1;
  }
  return text.slice(start);
}

function endClient(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(() => {
      client.destroy();
      resolve();
    }, 2000);
    fallback.unref();
    client.once('close', () => {
      clearTimeout(fallback);
      resolve();
    });
    client.end();
  });
}
