import { describe, expect, it } from 'vitest';
import { aristaEosDriver as d, findErrorMarker } from '../../../src/ssh/index.ts';

describe('arista_eos driver', () => {
  it.each([
    ['leaf1>', 'leaf1'],
    ['leaf1#', 'leaf1'],
    ['DC1_LEAF1#', 'DC1_LEAF1'],
    ['spine-1.dc2(config)#', 'spine-1.dc2'],
    ['SW1(config-if-Et2)#', 'SW1'],
    ['SW1(config-if-Et49/1)#', 'SW1'],
    ['SW1(config-vlan-800)#', 'SW1'],
    ['SW1(config-if-Vl800)#', 'SW1'],
    ['SW1(config-s-sess1)#', 'SW1'],
  ])('recognises the prompt %s', (line, host) => {
    expect(d.promptPattern.exec(line)?.groups?.host).toBe(host);
  });

  it('escalates with enable from >, not from #', () => {
    expect(d.privilege?.command).toBe('enable');
    expect(d.privilege?.isUnprivileged('leaf1>')).toBe(true);
    expect(d.privilege?.isUnprivileged('leaf1#')).toBe(false);
    expect(d.privilege?.passwordPrompt.test('Password: ')).toBe(true);
  });

  it('knows EOS error texts', () => {
    expect(findErrorMarker('% Invalid input', d)).toBe('% Invalid input');
    expect(findErrorMarker("% Invalid input (at token 1: 'foo')", d)).toBe('% Invalid input');
    expect(findErrorMarker('% Incomplete command', d)).toBe('% Incomplete command');
    expect(findErrorMarker('% Ambiguous command', d)).toBe('% Ambiguous command');
    expect(findErrorMarker('% Unavailable command (not supported on this hardware platform)', d)).toBe('% Unavailable command');
    expect(findErrorMarker('   description 5% Invalid input', d)).toBeNull();
  });

  it('treats the command echo and the device/version header as diff noise', () => {
    expect(d.diffNoisePatterns.some((p) => p.test('! Command: show running-config'))).toBe(true);
    expect(d.diffNoisePatterns.some((p) => p.test('! device: leaf1 (vEOS-lab, EOS-4.28.3M)'))).toBe(true);
    expect(d.diffNoisePatterns.some((p) => p.test('hostname leaf1'))).toBe(false);
  });
});
