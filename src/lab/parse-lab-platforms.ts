import { NetOpsError } from '../core/errors/index.ts';
import { LAB_PLATFORMS, type LabPlatform } from './lab-platform.ts';

/** "cisco_ios=5,arista_eos=1" (CLI flag, LAB_PLATFORMS env) → lab platforms option. */
export function parseLabPlatforms(text: string): Partial<Record<LabPlatform, number>> {
  const out: Partial<Record<LabPlatform, number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, n] = part.split('=');
    const platform = LAB_PLATFORMS.find((p) => p === name);
    const count = Number(n);
    if (!platform || !Number.isInteger(count) || count < 1) {
      throw new NetOpsError('VALIDATION_FAILED', `lab platforms: "${part}" must be PLATFORM=COUNT with PLATFORM one of ${LAB_PLATFORMS.join(', ')}`, { field: 'platforms' });
    }
    out[platform] = count;
  }
  return out;
}
