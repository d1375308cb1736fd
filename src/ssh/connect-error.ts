import { NetOpsError } from '../core/errors/index.ts';

/** Where a connection attempt went, for messages and details. */
export interface ConnectTarget {
  device: string;
  host: string;
  port: number;
  username: string;
  /** Name of the jump host the connection went through. */
  via?: string | undefined;
}

type SshError = Error & { level?: string; code?: string; reason?: number | string };

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** Maps what ssh2 / net report before the session is ready to one of our codes. Nothing was sent yet. */
export function connectError(err: unknown, target: ConnectTarget): NetOpsError {
  if (err instanceof NetOpsError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as SshError;
  const where = `${target.host}:${target.port}${target.via === undefined ? '' : ` via ${target.via}`}`;
  const details = { device: target.device, host: target.host, port: target.port, via: target.via, cause: e.message };
  const make = (code: ConstructorParameters<typeof NetOpsError>[0], message: string): NetOpsError =>
    new NetOpsError(code, message, details, { cause: err });
  if (e.level === 'client-dns' || (e.code !== undefined && DNS_CODES.has(e.code))) {
    return make('DNS_FAILED', `Cannot resolve ${target.host} for ${target.device} (${e.code ?? e.message})`);
  }
  if (e.code === 'ECONNREFUSED') return make('CONNECT_REFUSED', `Connection to ${target.device} at ${where} refused`);
  if (e.code !== undefined && UNREACHABLE.has(e.code)) return make('CONNECT_REFUSED', `${target.device} at ${where} is unreachable (${e.code})`);
  if (e.code === 'ETIMEDOUT' || e.level === 'client-timeout') {
    return make('CONNECT_TIMEOUT', `No SSH connection to ${target.device} at ${where} in time`);
  }
  if (e.level === 'client-authentication') {
    return make('AUTH_FAILED', `Authentication as ${target.username} on ${target.device} failed`);
  }
  if (/no matching|handshake failed/i.test(e.message)) {
    return make(
      'SSH_NEGOTIATION_FAILED',
      `No SSH algorithms in common with ${target.device} (${e.message}); old devices need allowLegacyAlgorithms`,
    );
  }
  if (/channel open failure/i.test(e.message)) {
    return make('CONNECT_REFUSED', `Jump host ${target.via ?? '?'} could not open a connection to ${target.host}:${target.port} (${e.message})`);
  }
  // Reset or closed mid-handshake: nothing was sent, so a retry is safe.
  return new NetOpsError('SESSION_CLOSED', `Connection to ${target.device} at ${where} failed during login: ${e.message}`, details, {
    cause: err,
    retryable: true,
  });
}
