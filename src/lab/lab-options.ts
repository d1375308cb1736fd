import { NetOpsError } from '../core/errors/index.ts';
import { LAB_PLATFORM_SHORT, LAB_PLATFORMS, type LabPlatform } from './lab-platform.ts';

export type LabAuthMethod = 'password' | 'keyboard-interactive' | 'publickey';

/** How to start a lab of simulated devices. Defaults are applied in `resolveLabOptions`. */
export interface LabOptions {
  /** Number of devices of `platform`, named `<namePrefix>1` … `<namePrefix>N`. Required unless `platforms` is given. */
  count?: number;
  /** The platform of all `count` devices. Default 'cisco_ios'. */
  platform?: LabPlatform;
  /**
   * A mixed fleet instead of count/platform: how many devices of each platform, e.g. `{ cisco_ios: 2,
   * arista_eos: 2 }`, named lab-ios-1…, lab-nxos-1…, lab-eos-1…, lab-junos-1…, lab-linux-1… in that order.
   */
  platforms?: Partial<Record<LabPlatform, number>>;
  /** 0 or undefined: every device on a random free port; otherwise ports basePort, basePort+1, … */
  basePort?: number;
  /** Listen address. Default '127.0.0.1'. */
  host?: string;
  /** With count/platform only. Default 'lab-<short>-' ('lab-ios-', 'lab-eos-', …). */
  namePrefix?: string;
  /** Default 'netops'. */
  username?: string;
  /** Default 'lab-password'. */
  password?: string;
  /** Default 'lab-enable'; an empty string makes `enable` ask for nothing. Only IOS and EOS have enable. */
  enableSecret?: string;
  /** Delay before each command's answer (benchmarks). Default 0. */
  commandDelayMs?: number;
  /** MOTD shown before the first prompt of an interactive session. Default: a short banner naming the platform. */
  banner?: string;
  /** Auth methods the devices accept. Default password + keyboard-interactive (+ publickey when authorizedKeys). */
  authMethods?: readonly LabAuthMethod[];
  /** OpenSSH public keys ("ssh-ed25519 AAAA…") accepted for publickey auth. Default none. */
  authorizedKeys?: readonly string[];
  /** Offer only old algorithms (diffie-hellman-group14-sha1, aes128-cbc, ssh-rsa), like an old IOS image. Default false. */
  legacyAlgorithmsOnly?: boolean;
}

/** One group of same-platform devices of the fleet. */
export interface LabGroup {
  platform: LabPlatform;
  count: number;
  namePrefix: string;
}

export interface ResolvedLabOptions {
  groups: readonly LabGroup[];
  /** Devices in all groups. */
  count: number;
  basePort: number;
  host: string;
  username: string;
  password: string;
  enableSecret: string;
  commandDelayMs: number;
  /** null: each platform's default banner. */
  banner: string | null;
  authMethods: readonly LabAuthMethod[];
  authorizedKeys: readonly string[];
  legacyAlgorithmsOnly: boolean;
}

/** The default banner of a platform ("Cisco IOS", "Junos"). */
export function defaultLabBanner(label: string): string {
  const lines = [`NetOps lab device. Simulated ${label} for tests and demos.`, 'Unauthorized access is prohibited.'];
  const width = Math.max(...lines.map((l) => l.length));
  const stars = '*'.repeat(width + 4);
  return [stars, ...lines.map((l) => `* ${l.padEnd(width)} *`), stars].join('\n');
}

function groupsOf(options: LabOptions): LabGroup[] {
  const positive = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 1;
  if (options.platforms !== undefined) {
    if (options.count !== undefined || options.platform !== undefined || options.namePrefix !== undefined) {
      throw new NetOpsError('VALIDATION_FAILED', 'lab: give either platforms or count/platform/namePrefix, not both');
    }
    const groups = LAB_PLATFORMS.filter((p) => options.platforms?.[p] !== undefined && options.platforms[p] !== 0).map((platform) => ({
      platform,
      count: options.platforms?.[platform] ?? 0,
      namePrefix: `lab-${LAB_PLATFORM_SHORT[platform]}-`,
    }));
    const bad = groups.find((g) => !positive(g.count));
    if (bad !== undefined) throw new NetOpsError('VALIDATION_FAILED', `lab count of ${bad.platform} must be a positive integer, got ${String(bad.count)}`);
    if (groups.length === 0) throw new NetOpsError('VALIDATION_FAILED', 'lab platforms must name at least one platform with devices');
    return groups;
  }
  if (!positive(options.count)) throw new NetOpsError('VALIDATION_FAILED', `lab count must be a positive integer, got ${String(options.count)}`);
  const platform = options.platform ?? 'cisco_ios';
  if (!LAB_PLATFORMS.includes(platform)) throw new NetOpsError('VALIDATION_FAILED', `lab cannot simulate platform "${String(platform)}"`);
  return [{ platform, count: options.count as number, namePrefix: options.namePrefix ?? `lab-${LAB_PLATFORM_SHORT[platform]}-` }];
}

/** The one place lab defaults live. */
export function resolveLabOptions(options: LabOptions): ResolvedLabOptions {
  const groups = groupsOf(options);
  const count = groups.reduce((n, g) => n + g.count, 0);
  const basePort = options.basePort ?? 0;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort + count - 1 > 65535) {
    throw new NetOpsError('VALIDATION_FAILED', `lab basePort ${String(basePort)} cannot hold ${count} devices`);
  }
  const authorizedKeys = options.authorizedKeys ?? [];
  return {
    groups,
    count,
    basePort,
    host: options.host ?? '127.0.0.1',
    username: options.username ?? 'netops',
    password: options.password ?? 'lab-password',
    enableSecret: options.enableSecret ?? 'lab-enable',
    commandDelayMs: options.commandDelayMs ?? 0,
    banner: options.banner ?? null,
    authMethods: options.authMethods ?? ['password', 'keyboard-interactive', ...(authorizedKeys.length > 0 ? ['publickey' as const] : [])],
    authorizedKeys,
    legacyAlgorithmsOnly: options.legacyAlgorithmsOnly ?? false,
  };
}
