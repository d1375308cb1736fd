import { z } from 'zod';
import { NetOpsError } from '../errors/index.ts';
import { displayValue } from '../workflows/display-value.ts';
import { PLATFORM_NAMES, platformNameSchema } from '../workflows/platform-names.ts';
import { TARGET_FORMS } from './help-text.ts';

export const DEVICE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Tags and sites: like device names, plus `:` and `/` (env:prod, eu/ams1). */
export const SELECTOR_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

const MAX_TARGET_LENGTH = 4000;
const MAX_TERMS = 500;

/**
 * Which devices a run applies to. A device matches if its name is listed, or (when any of tags, sites
 * and platforms is given) if it matches every kind given: kinds intersect, values of one kind union.
 * Names and values compare exactly (case-sensitive), as the device list stores them.
 */
export const targetSelectorSchema = z
  .strictObject({
    names: z.array(z.string().regex(DEVICE_NAME_PATTERN)),
    tags: z.array(z.string().regex(SELECTOR_VALUE_PATTERN)),
    sites: z.array(z.string().regex(SELECTOR_VALUE_PATTERN)),
    platforms: z.array(platformNameSchema),
  })
  .refine((s) => s.names.length + s.tags.length + s.sites.length + s.platforms.length > 0, 'must name at least one device or selector');

export type TargetSelector = z.output<typeof targetSelectorSchema>;

export interface TargetableDevice {
  name: string;
  tags: string[];
  site: string | null;
  platform: string;
}

function targetError(text: string, problem: string): NetOpsError {
  const message = `Invalid target ${displayValue(text, 60)}: ${problem}. Use ${TARGET_FORMS}.`;
  return new NetOpsError('TARGET_INVALID', message, { issues: [{ field: 'target', message: problem }], usage: TARGET_FORMS });
}

const KINDS = { tag: 'tags', site: 'sites', platform: 'platforms' } as const;

/** Parses `sw1`, `sw1,sw2`, `tag:core`, `tag:core,site:ams1`...; spaces around commas are allowed. */
export function parseTarget(text: string): TargetSelector {
  if (text.length > MAX_TARGET_LENGTH) throw targetError(text, `longer than ${MAX_TARGET_LENGTH} characters`);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_TERMS) throw targetError(text, `more than ${MAX_TERMS} terms`);
  if (parts.every((p) => p === '')) throw targetError(text, 'it is empty');
  const sel: TargetSelector = { names: [], tags: [], sites: [], platforms: [] };
  const add = <T extends string>(list: T[], value: T): void => {
    if (!list.includes(value)) list.push(value);
  };
  for (const part of parts) {
    if (part === '') throw targetError(text, 'it has an empty item between commas');
    const colon = part.indexOf(':');
    if (colon < 0) {
      if (!DEVICE_NAME_PATTERN.test(part)) throw targetError(text, `${displayValue(part, 60)} is not a device name (letters, digits, . _ -)`);
      add(sel.names, part);
      continue;
    }
    const kindText = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    if (!Object.hasOwn(KINDS, kindText)) throw targetError(text, `unknown selector ${displayValue(`${kindText}:`, 30)} (use tag:, site: or platform:)`);
    const kind = KINDS[kindText as keyof typeof KINDS];
    if (kind === 'platforms') {
      const platform = platformNameSchema.safeParse(value.toLowerCase());
      if (!platform.success) throw targetError(text, `unknown platform ${displayValue(value, 40)} (one of ${PLATFORM_NAMES.join(', ')})`);
      add(sel.platforms, platform.data);
    } else {
      if (!SELECTOR_VALUE_PATTERN.test(value)) throw targetError(text, `${displayValue(part, 60)} needs a ${kindText} value (letters, digits, . _ : / -)`);
      add(sel[kind], value);
    }
  }
  return sel;
}

export function matchesTarget(sel: TargetSelector, device: TargetableDevice): boolean {
  if (sel.names.includes(device.name)) return true;
  if (sel.tags.length + sel.sites.length + sel.platforms.length === 0) return false;
  if (sel.tags.length > 0 && !sel.tags.some((t) => device.tags.includes(t))) return false;
  if (sel.sites.length > 0 && (device.site === null || !sel.sites.includes(device.site))) return false;
  if (sel.platforms.length > 0 && !sel.platforms.some((p) => p === device.platform)) return false;
  return true;
}

/** The canonical text form; parseTarget(formatTarget(s)) equals s. */
export function formatTarget(sel: TargetSelector): string {
  return [...sel.names, ...sel.tags.map((t) => `tag:${t}`), ...sel.sites.map((s) => `site:${s}`), ...sel.platforms.map((p) => `platform:${p}`)].join(',');
}

/** For people: "sw1, sw2 and devices with tag core or edge and site ams1". */
export function describeTarget(sel: TargetSelector): string {
  const terms: string[] = [];
  if (sel.tags.length > 0) terms.push(`tag ${sel.tags.join(' or ')}`);
  if (sel.sites.length > 0) terms.push(`site ${sel.sites.join(' or ')}`);
  if (sel.platforms.length > 0) terms.push(`platform ${sel.platforms.join(' or ')}`);
  const selector = terms.length > 0 ? `devices with ${terms.join(' and ')}` : '';
  const names = sel.names.join(', ');
  if (names && selector) return `${names} and ${selector}`;
  return names || selector || 'no devices';
}
