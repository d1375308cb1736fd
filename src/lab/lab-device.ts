import { createServer, connect as tcpConnect, type Server as TcpServer, type Socket } from 'node:net';
import ssh2, { type Algorithms, type AuthContext, type Connection, type ParsedKey, type TcpipRequestInfo } from 'ssh2';
import { NetOpsError } from '../core/errors/index.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import type { LabDeviceState } from './ios-state.ts';
import type { JunosState } from './junos-state.ts';
import { createLabBehaviour, type LabBehaviour } from './lab-behaviour.ts';
import type { LabFault } from './lab-fault.ts';
import { generateLabHostKey, type LabHostKey } from './lab-host-key.ts';
import { defaultLabBanner, type ResolvedLabOptions } from './lab-options.ts';
import type { LabPlatform } from './lab-platform.ts';
import { LabTerminal } from './lab-terminal.ts';
import type { LinuxState } from './linux-state.ts';

export interface LabDeviceConfig {
  name: string;
  /** Default 'cisco_ios'. */
  platform?: LabPlatform;
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
/** Lines kept in a device's commandLog. */
const COMMAND_LOG_LIMIT = 10_000;
/** Forwarding (jump host) is limited to this machine: the lab never opens connections elsewhere. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * One simulated device (Cisco IOS, NX-OS, Arista EOS, Junos or a Linux host): an SSH server on loopback
 * with its own configuration state.
 */
export class LabDevice {
  readonly name: string;
  readonly host: string;
  readonly platform: LabPlatform;
  readonly username: string;
  readonly password: string;
  readonly enableSecret: string;
  /** Every line the device received in a shell or as an exec request, in order (enable secrets appear as ********; the last 10 000 are kept). */
  readonly commandLog: string[] = [];
  /** Authentication requests received (including the initial "none" probe): 0 proves none were sent. */
  authAttempts = 0;

  private readonly options: ResolvedLabOptions;
  private readonly behaviour: LabBehaviour;
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
    this.platform = config.platform ?? 'cisco_ios';
    this.host = o.host;
    this.username = o.username;
    this.password = o.password;
    this.enableSecret = o.enableSecret;
    this.behaviour = createLabBehaviour(this.platform, config.name, config.index);
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

  /** The current hostname (it follows `hostname X`, `set system host-name X` + commit, `hostnamectl`). */
  get hostname(): string {
    return this.behaviour.hostname();
  }

  /** Configuration state of an IOS, NX-OS or EOS device. */
  get state(): LabDeviceState {
    const s = this.behaviour.state;
    if (s.family !== 'ios') throw new NetOpsError('INVALID_STATE', `${this.name} is ${this.platform}: read junosState or linuxState`);
    return s.ios;
  }

  /** Committed configuration and shared candidate of a Junos device. */
  get junosState(): Readonly<JunosState> {
    const s = this.behaviour.state;
    if (s.family !== 'junos') throw new NetOpsError('INVALID_STATE', `${this.name} is ${this.platform}, not juniper_junos`);
    return s.junos;
  }

  /** Hostname and interfaces of a Linux host. */
  get linuxState(): Readonly<LinuxState> {
    const s = this.behaviour.state;
    if (s.family !== 'linux') throw new NetOpsError('INVALID_STATE', `${this.name} is ${this.platform}, not linux`);
    return s.linux;
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
      { hostKeys: [{ key: this.hostKey.parsed }], ident: this.behaviour.sshIdent, ...(legacy ? { algorithms: LEGACY_ALGORITHMS } : {}) },
      (conn) => this.onConnection(conn),
    );
  }

  private onConnection(conn: Connection): void {
    conn.on('error', () => undefined); // clients vanish mid-handshake in failure tests; nothing to report
    conn.on('authentication', (ctx) => this.authenticate(ctx));
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: LabDeviceEnv = { username: this.username, password: this.password, enableSecret: this.enableSecret, fault: () => this.fault };
        const hooks = {
          fault: () => this.fault,
          commandDelayMs: this.options.commandDelayMs,
          log: (line: string) => {
            // A long-running lab keeps the most recent lines only: per-device memory stays bounded.
            if (this.commandLog.push(line) > COMMAND_LOG_LIMIT) this.commandLog.splice(0, COMMAND_LOG_LIMIT / 10);
          },
          disconnect: () => conn.end(),
        };
        session.on('pty', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('exec', (accept, reject, info) => {
          const exec = this.behaviour.exec;
          if (exec === undefined) return reject?.();
          exec(accept(), info.command, env, hooks);
        });
        session.on('shell', (accept) => {
          const banner = this.options.banner ?? defaultLabBanner(this.behaviour.label);
          new LabTerminal(accept(), this.behaviour.shell(env), { ...hooks, banner }).start();
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
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], this.behaviour.label, '', (answers) =>
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
