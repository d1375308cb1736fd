import { createServer, connect as tcpConnect, type Server as TcpServer, type Socket } from 'node:net';
import ssh2, { type Algorithms, type AuthContext, type Connection, type ParsedKey, type TcpipRequestInfo } from 'ssh2';
import { IosCli } from './ios-cli.ts';
import type { IosDeviceEnv } from './ios-cli-context.ts';
import { createIosState, type IosState, type LabDeviceState } from './ios-state.ts';
import { IosTerminal } from './ios-terminal.ts';
import type { LabFault } from './lab-fault.ts';
import { generateLabHostKey, type LabHostKey } from './lab-host-key.ts';
import type { ResolvedLabOptions } from './lab-options.ts';

export interface LabDeviceConfig {
  name: string;
  /** 1-based position in the fleet; seeds addresses and MACs. */
  index: number;
  hostKey: LabHostKey;
  options: ResolvedLabOptions;
}

const LEGACY_ALGORITHMS: Algorithms = {
  kex: ['diffie-hellman-group14-sha1'],
  cipher: ['aes128-cbc'],
  serverHostKey: ['ssh-rsa'],
  hmac: ['hmac-sha1'],
};
/** Forwarding (jump host) is limited to this machine: the lab never opens connections elsewhere. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** One simulated Cisco IOS device: an SSH server on loopback with its own configuration state. */
export class LabDevice {
  readonly name: string;
  readonly host: string;
  readonly platform = 'cisco_ios' as const;
  readonly username: string;
  readonly password: string;
  readonly enableSecret: string;
  /** Every line the device received in a shell, in order (enable secrets appear as ********). */
  readonly commandLog: string[] = [];
  /** Authentication requests received (including the initial "none" probe): 0 proves none were sent. */
  authAttempts = 0;

  private readonly options: ResolvedLabOptions;
  private readonly iosState: IosState;
  private readonly tcp: TcpServer;
  private readonly sockets = new Set<Socket>();
  private readonly authorizedKeys: ParsedKey[];
  private hostKey: LabHostKey;
  private ssh: ssh2.Server;
  private fault: LabFault | null = null;
  private listeningPort = 0;

  constructor(config: LabDeviceConfig) {
    const o = config.options;
    this.options = o;
    this.name = config.name;
    this.host = o.host;
    this.username = o.username;
    this.password = o.password;
    this.enableSecret = o.enableSecret;
    this.iosState = createIosState(config.name, config.index);
    this.hostKey = config.hostKey;
    this.authorizedKeys = o.authorizedKeys.map((k) => {
      const parsed = ssh2.utils.parseKey(k);
      if (parsed instanceof Error) throw parsed;
      return parsed;
    });
    this.ssh = this.createSshServer();
    // The TCP listener stays while the SSH server behind it is swapped on host key rotation.
    this.tcp = createServer({ noDelay: true }, (socket) => {
      this.track(socket);
      this.ssh.injectSocket(socket);
    });
  }

  get port(): number {
    return this.listeningPort;
  }

  /** "SHA256:…" of the key this device presents now. */
  get hostKeyFingerprint(): string {
    return this.hostKey.fingerprint;
  }

  get state(): LabDeviceState {
    return this.iosState;
  }

  get currentFault(): LabFault | null {
    return this.fault;
  }

  setFault(fault: LabFault | null): void {
    this.fault = fault;
  }

  /** Gives this device a key of its own (new connections see it; open sessions keep theirs). */
  rotateHostKey(): void {
    this.hostKey = generateLabHostKey(this.hostKey.parsed.type === 'ssh-rsa' ? 'rsa' : 'ed25519');
    this.ssh = this.createSshServer();
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.tcp.once('error', onError);
      this.tcp.listen(port, this.host, () => {
        this.tcp.off('error', onError);
        const address = this.tcp.address();
        this.listeningPort = typeof address === 'object' && address !== null ? address.port : port;
        resolve();
      });
    });
  }

  /** Stops listening and drops every open connection (including forwarded ones). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      if (!this.tcp.listening) {
        resolve();
        return;
      }
      this.tcp.close(() => resolve());
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private createSshServer(): ssh2.Server {
    const legacy = this.options.legacyAlgorithmsOnly;
    return new ssh2.Server(
      { hostKeys: [{ key: this.hostKey.parsed }], ident: 'Cisco-1.25', ...(legacy ? { algorithms: LEGACY_ALGORITHMS } : {}) },
      (conn) => this.onConnection(conn),
    );
  }

  private onConnection(conn: Connection): void {
    conn.on('error', () => undefined); // clients vanish mid-handshake in failure tests; nothing to report
    conn.on('authentication', (ctx) => this.authenticate(ctx));
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('exec', (_accept, reject) => reject?.());
        session.on('shell', (accept) => {
          const env: IosDeviceEnv = {
            username: this.username,
            password: this.password,
            enableSecret: this.enableSecret,
            fault: () => this.fault,
          };
          new IosTerminal(accept(), new IosCli(this.iosState, env), {
            fault: () => this.fault,
            commandDelayMs: this.options.commandDelayMs,
            banner: this.options.banner,
            log: (line) => this.commandLog.push(line),
            disconnect: () => conn.end(),
          }).start();
        });
      });
      conn.on('tcpip', (accept, reject, info) => this.forward(accept, reject, info));
    });
  }

  private authenticate(ctx: AuthContext): void {
    this.authAttempts++;
    const methods = this.options.authMethods;
    if (this.fault?.kind === 'rejectAuth') return ctx.reject([...methods]);
    const allowed = (methods as readonly string[]).includes(ctx.method);
    if (!allowed || ctx.username !== this.username) return ctx.reject([...methods]);
    switch (ctx.method) {
      case 'password':
        return ctx.password === this.password ? ctx.accept() : ctx.reject([...methods]);
      case 'keyboard-interactive':
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], 'Cisco IOS', '', (answers) =>
          answers[0] === this.password ? ctx.accept() : ctx.reject([...methods]),
        );
      case 'publickey': {
        const key = this.authorizedKeys.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
        if (key === undefined) return ctx.reject([...methods]);
        if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept(); // key probe
        return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) ? ctx.accept() : ctx.reject([...methods]);
      }
      default:
        return ctx.reject([...methods]);
    }
  }

  /** direct-tcpip (the device as a jump host), to loopback ports only. */
  private forward(
    accept: () => NodeJS.ReadWriteStream & { destroy(): void },
    reject: () => void,
    info: TcpipRequestInfo,
  ): void {
    if (!LOOPBACK.has(info.destIP)) return reject();
    const upstream = tcpConnect(info.destPort, '127.0.0.1');
    this.track(upstream);
    upstream.once('error', () => reject());
    upstream.once('connect', () => {
      const channel = accept();
      upstream.pipe(channel).pipe(upstream);
      channel.on('close', () => upstream.destroy());
      upstream.once('close', () => channel.destroy());
    });
  }
}
