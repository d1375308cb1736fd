import { describe, expect, it } from 'vitest';
import { ciscoIosDriver as d, cleanCommandOutput, findErrorMarker } from '../../../src/ssh/index.ts';

describe('cleanCommandOutput', () => {
  it('drops the echoed command and the trailing prompt, normalises line endings', () => {
    expect(cleanCommandOutput('show clock\r\n*10:00:00.000 UTC Mon Jan 6 2025\r\nR1#', 'show clock', d)).toBe('*10:00:00.000 UTC Mon Jan 6 2025');
  });

  it('returns an empty string for a command without output', () => {
    expect(cleanCommandOutput('interface Loopback1\r\nR1(config-if)#', 'interface Loopback1', d)).toBe('');
  });

  it('keeps output when the device did not echo', () => {
    expect(cleanCommandOutput('line one\r\nline two\r\nR1#', 'show x', d)).toBe('line one\nline two');
  });

  it('keeps blank lines that belong to the output', () => {
    expect(cleanCommandOutput('show vlan brief\r\n\r\nVLAN Name\r\n\r\nR1#', 'show vlan brief', d)).toBe('\nVLAN Name\n');
  });
});

describe('findErrorMarker', () => {
  it('returns the marker text found at the start of a line', () => {
    expect(findErrorMarker("    ^\n% Invalid input detected at '^' marker.", d)).toBe('% Invalid input');
    expect(findErrorMarker('% Incomplete command.', d)).toBe('% Incomplete command');
    expect(findErrorMarker('all good', d)).toBeNull();
  });
});

describe('cleanCommandOutput with a prompt trailer (Junos)', () => {
  it('keeps blank lines inside the output but drops [edit], {master:0} and blank lines above the prompt', async () => {
    const { juniperJunosDriver: j } = await import('../../../src/ssh/index.ts');
    const raw = 'show vlans \r\n\r\nRouting instance  VLAN name\r\n\r\ndefault-switch    USERS\r\n\r\n{master:0}\r\nnetops@sw1> ';
    expect(cleanCommandOutput(raw, 'show vlans', j)).toBe('\nRouting instance  VLAN name\n\ndefault-switch    USERS');
    expect(cleanCommandOutput('\r\n\r\n{master:0}\r\nnetops@sw1> ', '', j)).toBe('');
  });

  it('leaves output alone when it does not end at a prompt', async () => {
    const { juniperJunosDriver: j } = await import('../../../src/ssh/index.ts');
    expect(cleanCommandOutput('commit\r\n[edit]\r\n', 'commit', j)).toBe('[edit]');
  });
});
