import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../../src/core/workflows/output-checks.ts';

const VLAN_OUTPUT = 'VLAN Name                             Status    Ports\r\n---- -------------------------------- --------- -------\r\n120  chatops                          active    Gi0/1\r\n';

describe('evaluateCheck', () => {
  it('passes when there is no check', () => {
    expect(evaluateCheck(null, 'anything')).toEqual({ passed: true, reason: null });
  });

  it('contains / not_contains', () => {
    expect(evaluateCheck({ contains: 'active' }, VLAN_OUTPUT)).toEqual({ passed: true, reason: null });
    expect(evaluateCheck({ contains: 'suspended' }, 'VLAN 120 not found in current VLAN database\n')).toEqual({
      passed: false,
      reason: 'expected the output to contain "suspended"; saw "VLAN 120 not found in current VLAN database"',
    });
    expect(evaluateCheck({ not_contains: 'active' }, 'VLAN id 120 not found')).toEqual({ passed: true, reason: null });
    expect(evaluateCheck({ not_contains: 'active' }, VLAN_OUTPUT)).toEqual({
      passed: false,
      reason: 'expected the output not to contain "active"; found it in "120  chatops                          active    Gi0/1"',
    });
  });

  it('regexes are multiline: ^ and $ match at each line', () => {
    expect(evaluateCheck({ regex: '^120\\s+chatops\\s+active\\s+Gi0/1$' }, VLAN_OUTPUT).passed).toBe(true);
    const failed = evaluateCheck({ regex: '^121\\s' }, VLAN_OUTPUT);
    expect(failed.passed).toBe(false);
    expect(failed.reason).toMatch(/^expected the output to match \/\^121\\s\/; saw "VLAN Name/);
    expect(evaluateCheck({ not_regex: '^% ' }, VLAN_OUTPUT).passed).toBe(true);
    expect(evaluateCheck({ not_regex: 'act.ve' }, VLAN_OUTPUT)).toEqual({
      passed: false,
      reason: 'expected the output not to match /act.ve/; found "120  chatops                          active    Gi0/1"',
    });
  });

  it('equals compares trimmed output with normalised line endings', () => {
    expect(evaluateCheck({ equals: 'line one\nline two' }, '\r\n  line one\r\nline two\r\n\r\n').passed).toBe(true);
    expect(evaluateCheck({ equals: '' }, ' \n ')).toEqual({ passed: true, reason: null });
    expect(evaluateCheck({ equals: 'ok' }, 'ok!')).toEqual({ passed: false, reason: 'expected the output to equal "ok"; saw "ok!"' });
  });

  it('says so when the output was empty', () => {
    expect(evaluateCheck({ contains: 'up' }, '\r\n')).toEqual({ passed: false, reason: 'expected the output to contain "up"; the output was empty' });
  });

  it('cuts what it saw to a readable excerpt', () => {
    const reason = evaluateCheck({ contains: 'zzz' }, 'x'.repeat(5000)).reason ?? '';
    expect(reason.length).toBeLessThan(300);
    expect(reason).toContain('…');
  });

  it('fails (rather than throws) on a regex that does not compile', () => {
    const verdict = evaluateCheck({ regex: '(' }, 'x');
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toContain('is invalid');
  });
});

describe('check reasons', () => {
  it('show device output escaped, never with raw control characters', () => {
    const reason = evaluateCheck({ contains: 'up' }, 'down\u001b[0m\r\nagain').reason ?? '';
    expect(reason).toBe('expected the output to contain "up"; saw "down\\u001b[0m\\nagain"');
  });

  it('cut long multi-byte output on a character boundary', () => {
    const reason = evaluateCheck({ contains: 'up' }, '😀'.repeat(500)).reason ?? '';
    expect(reason).toBe(`expected the output to contain "up"; saw "${'😀'.repeat(200)}…"`);
  });
});
