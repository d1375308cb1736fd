/** What a running-config renderer needs besides the device state. */
export interface RunningConfigOptions {
  username: string;
  password: string;
  enableSecret: string;
  /** Show clear-text passwords instead of hashed secrets (the echoSecrets fault). */
  clearTextSecrets: boolean;
  /** Pad the config with an access list to about this many megabytes (the hugeConfig fault). */
  hugeMegabytes: number;
}
