import { NetOpsError } from '../core/errors/index.ts';

export type LabAuthMethod = 'password' | 'keyboard-interactive' | 'publickey';

/** How to start a lab of simulated Cisco IOS devices. Defaults are applied in `resolveLabOptions`. */
export interface LabOptions {
  /** Number of devices, named `<namePrefix>1` … `<namePrefix>N`. */
  count: number;
  /** 0 or undefined: every device on a random free port; otherwise ports basePort, basePort+1, … */
  basePort?: number;
  /** Listen address. Default '127.0.0.1'. */
  host?: string;
  /** Default 'lab-ios-'. */
  namePrefix?: string;
  /** Only 'cisco_ios' is simulated. */
  platform?: 'cisco_ios';
  /** Default 'netops'. */
  username?: string;
  /** Default 'lab-password'. */
  password?: string;
  /** Default 'lab-enable'; an empty string makes `enable` ask for nothing. */
  enableSecret?: string;
  /** Delay before each command's answer (benchmarks). Default 0. */
  commandDelayMs?: number;
  /** MOTD shown before the first prompt. Default: a short IOS-style banner. */
  banner?: string;
  /** Auth methods the devices accept. Default password + keyboard-interactive (+ publickey when authorizedKeys). */
  authMethods?: readonly LabAuthMethod[];
  /** OpenSSH public keys ("ssh-ed25519 AAAA…") accepted for publickey auth. Default none. */
  authorizedKeys?: readonly string[];
  /** Offer only old algorithms (diffie-hellman-group14-sha1, aes128-cbc, ssh-rsa), like an old IOS image. Default false. */
  legacyAlgorithmsOnly?: boolean;
}

export type ResolvedLabOptions = Required<Omit<LabOptions, 'authMethods' | 'authorizedKeys'>> & {
  authMethods: readonly LabAuthMethod[];
  authorizedKeys: readonly string[];
};

export const DEFAULT_LAB_BANNER = [
  '**************************************************************',
  '* NetOps lab device. Simulated Cisco IOS for tests and demos. *',
  '* Unauthorized access is prohibited.                          *',
  '**************************************************************',
].join('\n');

/** The one place lab defaults live. */
export function resolveLabOptions(options: LabOptions): ResolvedLabOptions {
  if (!Number.isInteger(options.count) || options.count < 1) {
    throw new NetOpsError('VALIDATION_FAILED', `lab count must be a positive integer, got ${String(options.count)}`);
  }
  const basePort = options.basePort ?? 0;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort + options.count - 1 > 65535) {
    throw new NetOpsError('VALIDATION_FAILED', `lab basePort ${String(basePort)} cannot hold ${options.count} devices`);
  }
  const authorizedKeys = options.authorizedKeys ?? [];
  return {
    count: options.count,
    basePort,
    host: options.host ?? '127.0.0.1',
    namePrefix: options.namePrefix ?? 'lab-ios-',
    platform: options.platform ?? 'cisco_ios',
    username: options.username ?? 'netops',
    password: options.password ?? 'lab-password',
    enableSecret: options.enableSecret ?? 'lab-enable',
    commandDelayMs: options.commandDelayMs ?? 0,
    banner: options.banner ?? DEFAULT_LAB_BANNER,
    authMethods: options.authMethods ?? ['password', 'keyboard-interactive', ...(authorizedKeys.length > 0 ? ['publickey' as const] : [])],
    authorizedKeys,
    legacyAlgorithmsOnly: options.legacyAlgorithmsOnly ?? false,
  };
}
