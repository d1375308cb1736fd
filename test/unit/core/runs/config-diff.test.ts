import { describe, expect, it } from 'vitest';
import { configDiff } from '../../../../src/core/runs/config-diff.ts';

const before = ['Building configuration...', 'Current configuration : 1200 bytes', '! Last configuration change at 10:00:00 UTC', 'hostname r1', 'interface Gi0/0', ' description uplink', '!', 'end'].join('\r\n');

describe('configDiff', () => {
  it('ignores noise lines (timestamps, byte counts)', () => {
    const after = before.replace('1200 bytes', '1250 bytes').replace('10:00:00', '10:05:00');
    expect(configDiff('r1', before, after)).toBeNull();
  });

  it('shows a real change as a unified diff', () => {
    const after = before.replace(' description uplink', ' description core uplink');
    const diff = configDiff('r1', before, after)!;
    expect(diff).toContain('--- r1 (before)');
    expect(diff).toContain('- description uplink');
    expect(diff).toContain('+ description core uplink');
    expect(diff).not.toContain('Current configuration');
  });
});
