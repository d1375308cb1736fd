import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { NetOpsError, asNetOpsError } from '../core/errors/index.ts';
import type { DeviceConnector, DeviceEndpoint, DeviceSession, PlatformName, SessionTimeouts } from '../core/ports/device-session.ts';
import { getDriver } from './drivers/driver-registry.ts';
import { ExecSession } from './exec-session.ts';
import { forwardTo } from './forward-to.ts';
import { LoginLimiter } from './login-limiter.ts';
import { maskError } from './mask-error.ts';
import { openSshClient, type OpenedClient } from './open-ssh-client.ts';
import type { PlatformDriver } from './platform-driver.ts';
import { createSecretMasker } from './secret-masker.ts';
import { ShellChannel } from './shell-channel.ts';
import { SshSession } from './ssh-session.ts';
import { withDeadline } from './with-deadline.ts';

export interface SshConnectorOptions {
  /** Terminal type the shell asks for. Default 'vt100'. */
  term?: string;
  /** Terminal width; a wide terminal keeps long lines from wrapping. Default 511 (the widest IOS accepts). */
  columns?: number;
  /** Default 24. */
  rows?: number;
  /** Drivers replacing the built-in ones, e.g. `{ linux: createLinuxDriver({ runningConfigCommand: '…' }) }`. Default none. */
  drivers?: Partial<Record<PlatformName, PlatformDriver>>;
  /**
   * Logins (handshake + auth, both hops of a jump) running at once; more wait their turn, and their connect
   * timeout starts when their turn comes. Default 64.
   */
  maxParallelLogins?: number;
}

interface LoggedIn {
  device: OpenedClient;
  jumpHostKey: OpenedClient['hostKey'] | undefined;
}

/** Opens DeviceSessions over ssh2 (interactive shell or exec channels), optionally through a jump host. */
export class SshConnector implements DeviceConnector {
  private readonly term: string;
  private readonly columns: number;
  private readonly rows: number;
  private readonly drivers: Partial<Record<PlatformName, PlatformDriver>>;
  private readonly logins: LoginLimiter;

  constructor(options: SshConnectorOptions = {}) {
    this.term = options.term ?? 'vt100';
    this.columns = options.columns ?? 511;
    this.rows = options.rows ?? 24;
    this.drivers = options.drivers ?? {};
    this.logins = new LoginLimiter(options.maxParallelLogins ?? 64);
  }

  async connect(endpoint: DeviceEndpoint, timeouts: SessionTimeouts, options: { strictHostKeys?: boolean } = {}): Promise<DeviceSession> {
    const driver = this.drivers[endpoint.platform] ?? getDriver(endpoint.platform);
    const masker = createSecretMasker(secretValues(endpoint));
    const strictHostKeys = options.strictHostKeys ?? false;
    const clients: Client[] = [];
    try {
      const { deadline, device, jumpHostKey } = await this.logins.run(async () => {
        const deadline = Date.now() + timeouts.connectMs;
        return { deadline, ...(await logIn(endpoint, deadline, strictHostKeys, clients)) };
      });
      const common = { device: endpoint.name, driver, clients, masker, timeouts, hostKey: device.hostKey, jumpHostKey };
      if (driver.transport === 'exec') return new ExecSession(common);
      const stream = await this.openShell(device.client, endpoint.name, deadline);
      const session = new SshSession({ ...common, channel: new ShellChannel(stream, masker), enableSecret: endpoint.secrets.enableSecret });
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

/** Logs in to the jump host (if any), forwards to the device and logs in there; `clients` collects both, device first. */
async function logIn(endpoint: DeviceEndpoint, deadline: number, strictHostKeys: boolean, clients: Client[]): Promise<LoggedIn> {
  const jump = endpoint.jumpHost ?? null;
  let sock: Duplex | undefined;
  let jumpHostKey: OpenedClient['hostKey'] | undefined;
  if (jump !== null) {
    const hop = await openSshClient(jump, { deadline, strictHostKeys });
    clients.unshift(hop.client);
    jumpHostKey = hop.hostKey;
    const target = { device: endpoint.name, host: endpoint.host, port: endpoint.port, username: endpoint.secrets.username, via: jump.name };
    sock = await forwardTo(hop.client, target, deadline);
  }
  const device = await openSshClient(endpoint, { deadline, strictHostKeys, sock, via: jump?.name });
  clients.unshift(device.client);
  return { device, jumpHostKey };
}

function secretValues(endpoint: DeviceEndpoint): (string | undefined)[] {
  const own = endpoint.secrets;
  const hop = endpoint.jumpHost?.secrets;
  return [own.password, own.enableSecret, own.passphrase, hop?.password, hop?.enableSecret, hop?.passphrase];
}
