import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { DeviceSecrets } from '../core/ports/device-session.ts';
import { connectError, type ConnectTarget } from './connect-error.ts';
import { fingerprintHostKey, verifyHostKey } from './host-key.ts';
import { LEGACY_ALGORITHMS } from './legacy-algorithms.ts';

/** One SSH hop: the device itself or its jump host. */
export interface SshHop {
  name: string;
  host: string;
  port: number;
  secrets: DeviceSecrets;
  hostKeyFingerprint: string | null;
  allowLegacyAlgorithms?: boolean | undefined;
}

export interface OpenOptions {
  /** Epoch ms by which the hop must be logged in (DNS + TCP + handshake + auth). */
  deadline: number;
  strictHostKeys: boolean;
  /** A stream to run SSH over (a jump host's forwarded channel) instead of a TCP connection. */
  sock?: Duplex | undefined;
  via?: string | undefined;
}

export interface OpenedClient {
  client: Client;
  hostKey: { fingerprint: string; wasUnknown: boolean };
}

/** Connects and logs in one hop; the host key is checked before any credential is sent. */
export async function openSshClient(hop: SshHop, opts: OpenOptions): Promise<OpenedClient> {
  const target: ConnectTarget = { device: hop.name, host: hop.host, port: hop.port, username: hop.secrets.username, via: opts.via };
  const address = opts.sock === undefined ? await resolve(hop.host, target, opts.deadline) : hop.host;
  const remaining = Math.max(1, opts.deadline - Date.now());
  return new Promise<OpenedClient>((resolvePromise, reject) => {
    const client = new ssh2.Client();
    let settled = false;
    let refusal: NetOpsError | null = null;
    let hostKey: OpenedClient['hostKey'] | null = null;
    const fail = (err: NetOpsError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(connectError(Object.assign(new Error('connect timeout'), { level: 'client-timeout' }), target)), remaining);
    client.on('error', (err) => fail(refusal ?? connectError(err, target)));
    client.once('close', () => fail(refusal ?? connectError(new Error('connection closed during login'), target)));
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => hop.secrets.password ?? '')));
    client.once('ready', () => {
      if (settled || hostKey === null) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({ client, hostKey });
    });
    const config: ConnectConfig = {
      host: address,
      port: hop.port,
      sock: opts.sock,
      username: hop.secrets.username,
      password: hop.secrets.password,
      privateKey: hop.secrets.privateKey,
      passphrase: hop.secrets.passphrase,
      tryKeyboard: hop.secrets.password !== undefined,
      readyTimeout: remaining,
      keepaliveInterval: 0,
      hostVerifier: (key: Buffer): boolean => {
        const verdict = verifyHostKey({ device: hop.name, expected: hop.hostKeyFingerprint, actual: fingerprintHostKey(key), strict: opts.strictHostKeys });
        if (!verdict.ok) {
          refusal = verdict.error;
          return false;
        }
        hostKey = { fingerprint: fingerprintHostKey(key), wasUnknown: verdict.wasUnknown };
        return true;
      },
      ...(hop.allowLegacyAlgorithms === true ? { algorithms: LEGACY_ALGORITHMS } : {}),
    };
    try {
      client.connect(config);
      client.setNoDelay(true); // one small write per command: Nagle + delayed ACK would add ~40 ms to each
    } catch (err) {
      // ssh2 throws synchronously for a key it cannot parse or decrypt.
      const message = err instanceof Error ? err.message : String(err);
      fail(new NetOpsError('AUTH_FAILED', `The private key for ${hop.name} cannot be used: ${message}`, { device: hop.name }, { cause: err }));
    }
  });
}

async function resolve(host: string, target: ConnectTarget, deadline: number): Promise<string> {
  if (isIP(host) !== 0) return host;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`DNS lookup of ${host} timed out`), { level: 'client-timeout' })), Math.max(1, deadline - Date.now()));
  });
  try {
    const { address } = await Promise.race([lookup(host), timeout]);
    return address;
  } catch (err) {
    const e = err as Error & { level?: string };
    throw connectError(e.level === 'client-timeout' ? e : Object.assign(e, { level: 'client-dns' }), target);
  } finally {
    clearTimeout(timer);
  }
}
