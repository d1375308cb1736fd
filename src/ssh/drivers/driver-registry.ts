import { NetOpsError } from '../../core/errors/index.ts';
import type { PlatformName } from '../../core/ports/device-session.ts';
import type { PlatformDriver } from '../platform-driver.ts';
import { aristaEosDriver } from './arista-eos.ts';
import { ciscoIosDriver } from './cisco-ios.ts';
import { ciscoNxosDriver } from './cisco-nxos.ts';
import { juniperJunosDriver } from './juniper-junos.ts';
import { linuxDriver } from './linux.ts';

const DRIVERS: Partial<Record<PlatformName, PlatformDriver>> = {
  cisco_ios: ciscoIosDriver,
  cisco_nxos: ciscoNxosDriver,
  arista_eos: aristaEosDriver,
  juniper_junos: juniperJunosDriver,
  linux: linuxDriver,
};

/** The driver of a platform; PLATFORM_NOT_SUPPORTED for platforms without one. */
export function getDriver(platform: PlatformName): PlatformDriver {
  const driver = DRIVERS[platform];
  if (driver === undefined) {
    const supported = Object.keys(DRIVERS).join(', ');
    throw new NetOpsError('PLATFORM_NOT_SUPPORTED', `No SSH driver for platform "${platform}" (supported: ${supported})`, {
      platform,
      supported: Object.keys(DRIVERS),
    });
  }
  return driver;
}

/** Platforms that have a driver. */
export function supportedPlatforms(): PlatformName[] {
  return Object.keys(DRIVERS) as PlatformName[];
}

/** Every driver's diff-noise lines together: a config diff ignores them whatever the device's platform. */
export function allDiffNoisePatterns(): RegExp[] {
  return supportedPlatforms().flatMap((p) => getDriver(p).diffNoisePatterns);
}
