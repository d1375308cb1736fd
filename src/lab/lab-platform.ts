import type { PlatformName } from '../core/ports/device-session.ts';

/** The platforms the lab simulates: all of them. */
export type LabPlatform = PlatformName;

/** In device names: lab-ios-1, lab-nxos-1, lab-eos-1, lab-junos-1, lab-linux-1. */
export const LAB_PLATFORM_SHORT: Readonly<Record<LabPlatform, string>> = {
  cisco_ios: 'ios',
  cisco_nxos: 'nxos',
  arista_eos: 'eos',
  juniper_junos: 'junos',
  linux: 'linux',
};

/** Listing order of a mixed fleet (and of its ports from basePort). */
export const LAB_PLATFORMS: readonly LabPlatform[] = ['cisco_ios', 'cisco_nxos', 'arista_eos', 'juniper_junos', 'linux'];
