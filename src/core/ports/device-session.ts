/**
 * What the stage runner needs from a device connection. Implemented by src/ssh (ssh2 + drivers).
 * Covers: one logged-in, privileged, paging-off session; read-only commands; config-mode batches;
 * the running config. Leaves out: locking, retries and storage (the runner's job).
 */

export type PlatformName = 'cisco_ios' | 'cisco_nxos' | 'arista_eos' | 'juniper_junos' | 'linux';

/** Secrets in clear text, decrypted by the caller just before connecting. Never logged. */
export interface DeviceSecrets {
  username: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  enableSecret?: string | undefined;
}

export interface DeviceEndpoint {
  name: string;
  host: string;
  port: number;
  platform: PlatformName;
  secrets: DeviceSecrets;
  /** Pinned host key ("SHA256:…"); null = trust on first use (unless strict). */
  hostKeyFingerprint: string | null;
  allowLegacyAlgorithms?: boolean;
  /** A bastion to connect through (ssh2 forwardOut). */
  jumpHost?: Omit<DeviceEndpoint, 'jumpHost' | 'platform'> & { platform?: PlatformName } | null;
}

export interface SessionTimeouts {
  /** TCP connect + SSH handshake + auth. */
  connectMs: number;
  /** Whole command, from send to prompt. */
  commandMs: number;
  /** No byte received for this long while waiting for a prompt. */
  idleMs: number;
}

export interface CommandOutput {
  command: string;
  /** Output without the echo and the trailing prompt, secrets masked. */
  output: string;
  durationMs: number;
  /** The driver's error marker found in the output (e.g. "% Invalid input"), or null. */
  errorMarker: string | null;
}

export interface DeviceSession {
  /** "SHA256:…" of the key the device presented; the caller pins it when it was unknown. */
  readonly hostKeyFingerprint: string;
  readonly hostKeyWasUnknown: boolean;
  /** The jump host's key, when the session went through one (so the caller can pin it too). */
  readonly jumpHostKey?: { fingerprint: string; wasUnknown: boolean } | undefined;
  /** A read-only (exec-mode) command. */
  run(command: string): Promise<CommandOutput>;
  /**
   * Enters config mode, sends each command, leaves config mode (committing where the platform needs it).
   * Stops at the first command whose output has an error marker; returns the outputs of those sent.
   * `onSent` is called right before each command leaves, so the caller can record that a change began.
   */
  runConfig(commands: readonly string[], onSent?: (command: string) => void | Promise<void>): Promise<CommandOutput[]>;
  /** The running configuration as text (driver's command). */
  runningConfig(): Promise<string>;
  close(): Promise<void>;
}

export interface DeviceConnector {
  /** Connects, checks the host key, logs in, escalates privilege and prepares the terminal. */
  connect(endpoint: DeviceEndpoint, timeouts: SessionTimeouts, options?: { strictHostKeys?: boolean }): Promise<DeviceSession>;
}
