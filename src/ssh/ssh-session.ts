import { performance } from 'node:perf_hooks';
import type { Client } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { CommandOutput, DeviceSession, SessionTimeouts } from '../core/ports/device-session.ts';
import { cleanCommandOutput, findErrorMarker } from './command-output.ts';
import type { PlatformDriver } from './platform-driver.ts';
import type { ReadTarget } from './prompt-reader.ts';
import type { SecretMasker } from './secret-masker.ts';
import { createSerialCalls, type SerialCalls } from './serial-calls.ts';
import { assertSingleLine } from './single-line-command.ts';
import { stripConfigHeader } from './strip-config-header.ts';
import { endClient } from './end-client.ts';
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
  /** promptFor(hostname), built once per hostname. */
  private prompt: { host: string; pattern: RegExp } | null = null;
  private readonly serialise: SerialCalls;
  /** Set when a read failed mid-command: the shell is in an unknown state and is closed. */
  private broken: NetOpsError | null = null;
  private closing: Promise<void> | null = null;
  private readonly closedClients = new WeakSet<Client>();

  constructor(parts: SshSessionParts) {
    this.p = parts;
    this.hostKeyFingerprint = parts.hostKey.fingerprint;
    this.hostKeyWasUnknown = parts.hostKey.wasUnknown;
    this.jumpHostKey = parts.jumpHostKey;
    this.serialise = createSerialCalls(parts.masker);
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
      let accepted: boolean;
      try {
        for (const command of config.enterCommands) {
          const out = await this.execute(command, sent);
          if (out.errorMarker !== null) throw new NetOpsError('COMMAND_ERROR', `${this.p.device} refused "${command}": ${out.errorMarker}`, { output: out.output });
          inConfig = true;
        }
        accepted = await this.sendBatch(commands, outputs, sent, onSent);
      } catch (err) {
        // Discard and leave if the shell still works, but report the first failure, not the exit's.
        if (inConfig && this.broken === null) await this.leaveConfig(sent, true).catch(() => undefined);
        throw err;
      }
      await this.leaveConfig(sent, !accepted);
      return outputs;
    });
  }

  /**
   * Sends the batch, stopping at the first error marker, then the commit commands (their outputs are
   * returned too). False when a command or the commit failed: the caller discards what is pending.
   */
  private async sendBatch(commands: readonly string[], outputs: CommandOutput[], sent: Sent, onSent?: (command: string) => void | Promise<void>): Promise<boolean> {
    for (const command of commands) {
      await onSent?.(command);
      sent.retryable = false;
      const out = await this.execute(command, sent);
      outputs.push(out);
      if (out.errorMarker !== null) return false;
    }
    for (const command of this.p.driver.config.commitCommands) {
      const out = await this.execute(command, sent);
      outputs.push(out);
      if (out.errorMarker !== null) return false;
    }
    return true;
  }

  async runningConfig(): Promise<string> {
    if (this.p.driver.runningConfigCommand === '') return '';
    const out = await this.run(this.p.driver.runningConfigCommand);
    if (out.errorMarker !== null) {
      throw new NetOpsError('COMMAND_ERROR', `${this.p.device} refused "${out.command}": ${out.errorMarker}`, { output: out.output.slice(0, 500) });
    }
    return stripConfigHeader(out.output, this.p.driver.runningConfigStripPatterns);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.p.channel.close();
      for (const client of this.p.clients) if (!this.closedClients.has(client)) await endClient(client);
    })();
    return this.closing;
  }

  /** Back to exec mode; `discard` first throws away an uncommitted candidate (Junos `rollback 0`). */
  private async leaveConfig(sent: Sent, discard: boolean): Promise<void> {
    const { config } = this.p.driver;
    for (const command of discard ? config.abortCommands : []) {
      const out = await this.execute(command, sent);
      if (out.errorMarker !== null) {
        throw new NetOpsError('COMMAND_ERROR', `${this.p.device} could not discard the uncommitted changes ("${command}": ${out.errorMarker})`, { output: out.output }, { retryable: false });
      }
    }
    for (const command of config.exitCommands) {
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
    if (this.hostname === null) return this.p.driver.promptPattern;
    if (this.prompt?.host !== this.hostname) this.prompt = { host: this.hostname, pattern: this.p.driver.promptFor(this.hostname) };
    return this.prompt.pattern;
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
}
