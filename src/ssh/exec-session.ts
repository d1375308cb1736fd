import { performance } from 'node:perf_hooks';
import type { Client } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { CommandOutput, DeviceSession, SessionTimeouts } from '../core/ports/device-session.ts';
import { endClient } from './end-client.ts';
import { execCommand, type ExecResult } from './exec-command.ts';
import type { PlatformDriver } from './platform-driver.ts';
import type { SecretMasker } from './secret-masker.ts';
import { createSerialCalls, type SerialCalls } from './serial-calls.ts';
import { assertSingleLine } from './single-line-command.ts';
import { normalizeTerminalText } from './terminal-text.ts';

export interface ExecSessionParts {
  device: string;
  driver: PlatformDriver;
  /** The device's client first, then its jump host's (closed in that order). */
  clients: readonly Client[];
  masker: SecretMasker;
  timeouts: SessionTimeouts;
  hostKey: { fingerprint: string; wasUnknown: boolean };
  jumpHostKey?: { fingerprint: string; wasUnknown: boolean } | undefined;
}

/**
 * A session on a host without a network CLI (Linux): each command runs in an exec channel of its own and
 * fails on a non-zero exit status. Calls are serialised; after a timeout or a drop nothing more is sent.
 */
export class ExecSession implements DeviceSession {
  readonly hostKeyFingerprint: string;
  readonly hostKeyWasUnknown: boolean;
  readonly jumpHostKey: { fingerprint: string; wasUnknown: boolean } | undefined;
  private readonly p: ExecSessionParts;
  private readonly serialise: SerialCalls;
  private broken: NetOpsError | null = null;
  private closing: Promise<void> | null = null;
  private readonly closedClients = new WeakSet<Client>();

  constructor(parts: ExecSessionParts) {
    this.p = parts;
    this.hostKeyFingerprint = parts.hostKey.fingerprint;
    this.hostKeyWasUnknown = parts.hostKey.wasUnknown;
    this.jumpHostKey = parts.jumpHostKey;
    this.serialise = createSerialCalls(parts.masker);
    for (const client of parts.clients) {
      client.on('error', () => undefined); // surfaced as SESSION_CLOSED by the command waiting
      client.once('close', () => this.closedClients.add(client));
    }
  }

  run(command: string): Promise<CommandOutput> {
    return this.serialise(() => this.execute(command, true));
  }

  /** Linux has no config mode: the commands run one after the other, stopping at the first failure. */
  runConfig(commands: readonly string[], onSent?: (command: string) => void | Promise<void>): Promise<CommandOutput[]> {
    return this.serialise(async () => {
      for (const command of commands) assertSingleLine(command);
      const outputs: CommandOutput[] = [];
      for (const command of commands) {
        await onSent?.(command);
        const out = await this.execute(command, false);
        outputs.push(out);
        if (out.errorMarker !== null) break;
      }
      return outputs;
    });
  }

  /** The driver's configured command's output, or '' when the driver has none. */
  async runningConfig(): Promise<string> {
    if (this.p.driver.runningConfigCommand === '') return '';
    const out = await this.run(this.p.driver.runningConfigCommand);
    if (out.errorMarker !== null) {
      throw new NetOpsError('COMMAND_ERROR', `${this.p.device} refused "${out.command}": ${out.errorMarker}`, { output: out.output.slice(0, 500) });
    }
    return out.output;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const client of this.p.clients) if (!this.closedClients.has(client)) await endClient(client);
    })();
    return this.closing;
  }

  private async execute(command: string, retryable: boolean): Promise<CommandOutput> {
    assertSingleLine(command);
    const client = this.p.clients[0];
    if (client === undefined || this.broken !== null || this.closing !== null || this.closedClients.has(client)) {
      const why = this.broken === null ? 'it was closed' : `an earlier failure (${this.broken.code})`;
      throw new NetOpsError('SESSION_CLOSED', `The session to ${this.p.device} is no longer usable after ${why}`, { device: this.p.device }, { retryable });
    }
    const started = performance.now();
    const { commandMs, idleMs } = this.p.timeouts;
    let result: ExecResult;
    try {
      result = await execCommand(client, { totalMs: commandMs, idleMs }, { device: this.p.device, command, retryable }, this.p.masker);
    } catch (err) {
      // A command that timed out may still be running: never send another one after it.
      this.broken = err instanceof NetOpsError ? err : new NetOpsError('INTERNAL', String(err));
      void this.close();
      throw err;
    }
    const text = normalizeTerminalText(result.raw);
    return {
      command: this.p.masker.mask(command),
      output: this.p.masker.mask(text.endsWith('\n') ? text.slice(0, -1) : text),
      durationMs: Math.round(performance.now() - started),
      errorMarker: exitMarker(result),
    };
  }
}

/** `exit status 2`, `killed by signal KILL`, or null for a clean exit. */
function exitMarker(result: ExecResult): string | null {
  if (result.exitCode === 0) return null;
  if (result.exitCode !== null) return `exit status ${result.exitCode}`;
  return result.signal === null ? 'no exit status' : `killed by signal ${result.signal}`;
}
