import { z } from 'zod';
import type { PlatformName } from '../ports/device-session.ts';

/** Every driver a workflow may target; kept in step with the PlatformName port type (checked below). */
export const PLATFORM_NAMES = ['cisco_ios', 'cisco_nxos', 'arista_eos', 'juniper_junos', 'linux'] as const satisfies readonly PlatformName[];

// Fails to compile when a platform is added to the port but not here.
type MissingPlatform = Exclude<PlatformName, (typeof PLATFORM_NAMES)[number]>;
const _allPlatformsListed: MissingPlatform extends never ? true : MissingPlatform = true;

export const platformNameSchema = z.enum(PLATFORM_NAMES, {
  error: (issue) => `must be one of ${PLATFORM_NAMES.join(', ')}, got ${JSON.stringify(issue.input)}`,
});
