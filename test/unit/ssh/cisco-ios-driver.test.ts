import { describe, expect, it } from 'vitest';
import { ciscoIosDriver, getDriver, supportedPlatforms } from '../../../src/ssh/index.ts';

const d = ciscoIosDriver;

describe('cisco_ios driver', () => {
  it.each([
    ['R1>', 'R1'],
    ['R1#', 'R1'],
    ['core-sw1.dc-east#', 'core-sw1.dc-east'],
    ['lab_ios-1(config)#', 'lab_ios-1'],
    ['sw1(config-if)#', 'sw1'],
    ['sw1(config-if-range)#', 'sw1'],
    ['sw1(config-vlan)#', 'sw1'],
    ['rtr(config-router)# ', 'rtr'],
  ])('recognises the prompt %s', (line, host) => {
    expect(d.promptPattern.exec(line)?.groups?.host).toBe(host);
  });

  it.each(['interface Gi0/1 # uplink', 'show run | include #', '% Invalid input detected at ^ marker.', '  R1#', 'R1# show'])(
    'does not take %j for a prompt',
    (line) => {
      expect(d.promptPattern.test(line)).toBe(false);
    },
  );

  it('builds a strict prompt for a known hostname, dots escaped', () => {
    const p = d.promptFor('a.b');
    expect(p.test('a.b(config)#')).toBe(true);
    expect(p.test('axb#')).toBe(false);
    expect(p.test('other#')).toBe(false);
  });

  it('knows its error markers and ignores ordinary output', () => {
    const hit = (text: string) => d.errorMarkers.find((m) => m.test(text));
    expect(hit("% Invalid input detected at '^' marker.")).toBeDefined();
    expect(hit('% Incomplete command.')).toBeDefined();
    expect(hit('% Ambiguous command:  "sh i"')).toBeDefined();
    expect(hit('% Unknown command or computer name')).toBeDefined();
    expect(hit('%Error opening tftp://1.1.1.1/x')).toBeDefined();
    expect(hit('VLAN id 120 not found in current VLAN database')).toBeUndefined();
    expect(hit(' description 100% Invalid input test')).toBeUndefined();
  });

  it('filters diff noise lines', () => {
    const noisy = ['! Last configuration change at 10:21:07 UTC Mon Jan 6 2025 by netops', 'Current configuration : 1234 bytes', 'ntp clock-period 17179869', '! NVRAM config last updated at x'];
    expect(noisy.every((l) => d.diffNoisePatterns.some((p) => p.test(l)))).toBe(true);
    expect(d.diffNoisePatterns.some((p) => p.test('hostname R1'))).toBe(false);
  });

  it('recognises the pager and the filename question', () => {
    expect(d.pager.pattern.test(' --More-- ')).toBe(true);
    expect(d.autoAnswers[0]?.pattern.test('Destination filename [startup-config]? ')).toBe(true);
  });
});

describe('getDriver', () => {
  it('has a driver for every platform and refuses unknown ones with PLATFORM_NOT_SUPPORTED', () => {
    expect(getDriver('cisco_ios')).toBe(ciscoIosDriver);
    expect(supportedPlatforms().sort()).toEqual(['arista_eos', 'cisco_ios', 'cisco_nxos', 'juniper_junos', 'linux']);
    for (const platform of supportedPlatforms()) expect(getDriver(platform).name).toBe(platform);
    const unknown = 'vyos' as Parameters<typeof getDriver>[0];
    expect(() => getDriver(unknown)).toThrow(expect.objectContaining({ code: 'PLATFORM_NOT_SUPPORTED', message: expect.stringContaining('vyos') }));
  });
});
