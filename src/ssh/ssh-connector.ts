import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { NetOpsError, asNetOpsError } from '../core/errors/index.ts';
import type { DeviceConnector, DeviceEndpoint, DeviceSession, SessionTimeouts } from '../core/ports/device-session.ts';
import { connectError } from './connect-error.ts';
import { getDriver } from './drivers/driver-registry.ts';
import { openSshClient, type OpenedClient } from './open-ssh-client.ts';
import { maskError } from './mask-error.ts';
import { createSecretMasker } from './secret-masker.ts';
import { ShellChannel } from './shell-channel.ts';
import { SshSession } from './ssh-session.ts';

/** Terminal the shell asks for; a wide terminal keeps long lines from wrapping. */
export interface SshConnectorOptions {
  /** Default 'vt100'. */
  term?: string;
  /** Default 511 (the widest IOS accepts). */
  columns?: number;
  /** Default 24. */
  rows?: number;
}

/** Opens DeviceSessions over ssh2 interactive shells, optionally through a jump host. */
export class SshConnector implements DeviceConnector {
  private readonly term: string;
  private readonly columns: number;
  private readonly rows: number;

  constructor(options: SshConnectorOptions = {}) {
    this.term = options.term ?? 'vt100';
    this.columns = options.columns ?? 511;
    this.rows = options.rows ?? 24;
  }

  async connect(endpoint: DeviceEndpoint, timeouts: SessionTimeouts, options: { strictHostKeys?: boolean } = {}): Promise<DeviceSession> {
    const driver = getDriver(endpoint.platform);
    const jump = endpoint.jumpHost ?? null;
    const masker = createSecretMasker(secretValues(endpoint));
    const strictHostKeys = options.strictHostKeys ?? false;
    const deadline = Date.now() + timeouts.connectMs;
    const clients: Client[] = [];
    try {
      let sock: Duplex | undefined;
      let jumpHostKey: OpenedClient['hostKey'] | undefined;
      if (jump !== null) {
        const hop = await openSshClient(jump, { deadline, strictHostKeys });
        clients.unshift(hop.client);
        jumpHostKey = hop.hostKey;
        sock = await forwardTo(hop.client, endpoint, jump.name, deadline);
      }
      const opened = await openSshClient(endpoint, { deadline, strictHostKeys, sock, via: jump?.name });
      clients.unshift(opened.client);
      const stream = await this.openShell(opened.client, endpoint.name, deadline);
      const session = new SshSession({
        device: endpoint.name,
        driver,
        channel: new ShellChannel(stream, masker),
        clients,
        masker,
        timeouts,
        enableSecret: endpoint.secrets.enableSecret,
        hostKey: opened.hostKey,
        jumpHostKey,
      });
      try {
        await session.start();
      } catch (err) {
        await session.close();
        throw err;
      }
      return session;
    } catch (err) {
      for (const client of clients) client.destroy();
      throw maskError(asNetOpsError(err), masker);
    }
  }

  private openShell(client: Client, device: string, deadline: number): Promise<ClientChannel> {
    return withDeadline(
      new Promise<ClientChannel>((resolve, reject) => {
        client.shell({ term: this.term, cols: this.columns, rows: this.rows }, (err, stream) => (err ? reject(err) : resolve(stream)));
      }),
      deadline,
      () => new NetOpsError('CONNECT_TIMEOUT', `${device} did not open a shell in time`, { device }),
    ).catch((err: unknown) => {
      if (err instanceof NetOpsError) throw err;
      throw new NetOpsError('SESSION_CLOSED', `${device} refused an interactive shell: ${String(err)}`, { device }, { retryable: true, cause: err });
    });
  }
}

/** A direct-tcpip channel from the jump host to the device, used as the device connection's socket. */
function forwardTo(jumpClient: Client, endpoint: DeviceEndpoint, via: string, deadline: number): Promise<Duplex> {
  const target = { device: endpoint.name, host: endpoint.host, port: endpoint.port, username: endpoint.secrets.username, via };
  return withDeadline(
    new Promise<Duplex>((resolve, reject) => {
      jumpClient.forwardOut('127.0.0.1', 0, endpoint.host, endpoint.port, (err, channel) => (err ? reject(connectError(err, target)) : resolve(channel)));
    }),
    deadline,
    () => connectError(Object.assign(new Error('forward timeout'), { level: 'client-timeout' }), target),
  );
}

function withDeadline<T>(work: Promise<T>, deadline: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(1, deadline - Date.now()));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function secretValues(endpoint: DeviceEndpoint): (string | undefined)[] {
  const own = endpoint.secrets;
  const hop = endpoint.jumpHost?.secrets;
  return [own.password, own.enableSecret, own.passphrase, hop?.password, hop?.enableSecret, hop?.passphrase];
}
