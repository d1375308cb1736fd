import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { SecretMasker } from './secret-masker.ts';
import type { ReadLimits } from './shell-channel.ts';
import { normalizeTerminalText } from './terminal-text.ts';

export interface ExecResult {
  /** stdout and stderr as they arrived, interleaved. */
  raw: string;
  /** null when the process was killed by a signal or the server sent no status. */
  exitCode: number | null;
  signal: string | null;
}

export interface ExecContext {
  device: string;
  command: string;
  /** False once a configuration command has left: the caller must not blindly retry. */
  retryable: boolean;
}

const EXCERPT = 200;

/**
 * Runs one command in an exec channel of its own and waits for the channel to close, with a total and an
 * idle timeout. Chunks are joined once at the end (outputs can be megabytes).
 */
export function execCommand(client: Client, limits: ReadLimits, ctx: ExecContext, masker: SecretMasker): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const chunks: string[] = [];
    let bytes = 0;
    let tail = '';
    let exitCode: number | null = null;
    let signal: string | null = null;
    let stream: ClientChannel | null = null;
    let settled = false;
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    const excerpt = (): string => masker.mask(normalizeTerminalText(tail).slice(-(EXCERPT + masker.longest))).slice(-EXCERPT);
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(total);
      clearTimeout(idle);
      client.off('close', onClientClose);
      return true;
    };
    const fail = (error: NetOpsError): void => {
      if (!settle()) return;
      stream?.close();
      reject(error);
    };
    const timeout = (which: 'command' | 'idle'): void => {
      const ms = which === 'command' ? limits.totalMs : limits.idleMs;
      const why = which === 'command' ? `no exit within ${ms} ms` : `nothing received for ${ms} ms`;
      fail(
        new NetOpsError(
          'COMMAND_TIMEOUT',
          `Timed out waiting for command "${ctx.command}" on ${ctx.device}: ${why}`,
          { device: ctx.device, waitingFor: `command "${ctx.command}"`, timeout: which, timeoutMs: ms, bytesReceived: bytes, lastOutput: excerpt() },
          { retryable: ctx.retryable },
        ),
      );
    };
    const closed = (why: string): NetOpsError =>
      new NetOpsError(
        'SESSION_CLOSED',
        `${ctx.device} ${why} while running command "${ctx.command}"`,
        { device: ctx.device, waitingFor: `command "${ctx.command}"`, bytesReceived: bytes, lastOutput: excerpt() },
        { retryable: ctx.retryable },
      );
    const onClientClose = (): void => fail(closed('closed the connection'));
    const total = setTimeout(() => timeout('command'), limits.totalMs);
    const idle = setTimeout(() => timeout('idle'), limits.idleMs);
    const push = (text: string): void => {
      idle.refresh();
      if (text === '') return;
      chunks.push(text);
      bytes += text.length;
      tail = (tail + text.slice(-512)).slice(-512);
    };
    client.once('close', onClientClose);
    client.exec(ctx.command, (openError, channel) => {
      if (openError) return fail(closed(`refused an exec channel (${openError.message})`));
      if (settled) return channel.close();
      stream = channel;
      channel.on('data', (data: Buffer) => push(out.write(data)));
      channel.stderr.on('data', (data: Buffer) => push(err.write(data)));
      channel.on('exit', (code: number | null, sig?: string) => {
        exitCode = code ?? null;
        signal = sig ?? null;
      });
      channel.on('close', () => {
        if (!settle()) return;
        chunks.push(out.end(), err.end());
        resolve({ raw: chunks.join(''), exitCode, signal });
      });
    });
  });
}
