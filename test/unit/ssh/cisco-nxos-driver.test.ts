import { describe, expect, it } from 'vitest';
import { ciscoNxosDriver as d, cleanCommandOutput, findErrorMarker } from '../../../src/ssh/index.ts';

describe('cisco_nxos driver', () => {
  it.each([
    ['nxos1#', 'nxos1'],
    ['dc1-leaf-01.corp#', 'dc1-leaf-01.corp'],
    ['leaf-1(config)#', 'leaf-1'],
    ['leaf-1(config-if)#', 'leaf-1'],
    ['leaf-1(config-vlan)# ', 'leaf-1'],
    ['leaf-1(config-router-bgp)#', 'leaf-1'],
  ])('recognises the prompt %s', (line, host) => {
    expect(d.promptPattern.exec(line)?.groups?.host).toBe(host);
  });

  it('logs in privileged: no enable, paging off and a wide terminal first', () => {
    expect(d.privilege).toBeNull();
    expect(d.prepareCommands).toEqual(['terminal length 0', 'terminal width 511']);
    expect(d.config.enterCommands).toEqual(['configure terminal']);
    expect(d.config.exitCommands).toEqual(['end']);
    expect(d.saveCommand).toBe('copy running-config startup-config');
  });

  it('knows NX-OS error texts, and only at the start of a line', () => {
    expect(findErrorMarker("            ^\n% Invalid command at '^' marker.", d)).toBe('% Invalid command');
    expect(findErrorMarker("% Invalid parameter detected at '^' marker.", d)).toBe('% Invalid parameter');
    expect(findErrorMarker('% Invalid number, range is (1:4094)', d)).toBe('% Invalid number');
    expect(findErrorMarker("% Incomplete command at '^' marker.", d)).toBe('% Incomplete command');
    expect(findErrorMarker("% Ambiguous command at '^' marker.", d)).toBe('% Ambiguous command');
    expect(findErrorMarker('  description 100% Invalid command test', d)).toBeNull();
    expect(findErrorMarker('VLAN 130 not found in current VLAN database', d)).toBeNull();
  });

  it('filters the NX-OS running-config header from diffs', () => {
    const noisy = ['!Command: show running-config', '!Running configuration last done at: Fri Oct 24 13:54:06 2025', '!Time: Sat Oct 25 01:02:16 2025'];
    expect(noisy.every((l) => d.diffNoisePatterns.some((p) => p.test(l)))).toBe(true);
    expect(d.diffNoisePatterns.some((p) => p.test('hostname leaf-1'))).toBe(false);
  });

  it('removes the pager and its erase sequence, backspaces or carriage return', () => {
    const raw = 'show x\r\nline1\r\n --More-- \b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\bline2\r\n --More-- \r          \rline3\r\nnx1#';
    expect(cleanCommandOutput(raw, 'show x', d)).toBe('line1\nline2\nline3');
  });
});
