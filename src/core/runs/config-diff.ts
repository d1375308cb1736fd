import { createTwoFilesPatch } from 'diff';

/** Lines that change on every read (timestamps, byte counts) and would drown a real change. */
export const COMMON_CONFIG_NOISE: readonly RegExp[] = [
  /^! Last configuration change at /,
  /^! NVRAM config last updated at /,
  /^Current configuration : \d+ bytes/,
  /^Building configuration\.\.\./,
  /^ntp clock-period /,
  /^!Time: /,
  /^## Last commit: /,
];

export function stripNoise(config: string, noise: readonly RegExp[] = COMMON_CONFIG_NOISE): string {
  return config
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !noise.some((re) => re.test(line)))
    .join('\n');
}

/** Unified diff of two running configs with noise removed; null when nothing real changed. */
export function configDiff(device: string, before: string, after: string, noise: readonly RegExp[] = COMMON_CONFIG_NOISE): string | null {
  const a = stripNoise(before, noise);
  const b = stripNoise(after, noise);
  if (a === b) return null;
  return createTwoFilesPatch(`${device} (before)`, `${device} (after)`, `${a}\n`, `${b}\n`, undefined, undefined, { context: 3 });
}
