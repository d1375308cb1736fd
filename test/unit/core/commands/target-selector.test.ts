import { describe, expect, it } from 'vitest';
import { describeTarget, formatTarget, matchesTarget, parseTarget, targetSelectorSchema, type TargetableDevice } from '../../../../src/core/commands/target-selector.ts';
import { catchNetOpsError } from '../catch-netops-error.ts';

const device = (name: string, tags: string[], site: string | null, platform = 'cisco_ios'): TargetableDevice => ({ name, tags, site, platform });

const FLEET = [
  device('access-sw1', ['access'], 'ams1'),
  device('access-sw2', ['access'], 'lon1'),
  device('core-sw1', ['core', 'l3'], 'ams1', 'arista_eos'),
  device('core-sw2', ['core'], 'lon1', 'arista_eos'),
  device('bastion', [], null, 'linux'),
];

const selected = (text: string): string[] => {
  const sel = parseTarget(text);
  return FLEET.filter((d) => matchesTarget(sel, d)).map((d) => d.name);
};

describe('parseTarget', () => {
  it('parses a device name and a comma list', () => {
    expect(parseTarget('access-sw1')).toEqual({ names: ['access-sw1'], tags: [], sites: [], platforms: [] });
    expect(parseTarget('access-sw1, core-sw1 ,access-sw1')).toEqual({ names: ['access-sw1', 'core-sw1'], tags: [], sites: [], platforms: [] });
  });

  it('parses selectors and combinations', () => {
    expect(parseTarget('tag:core,site:ams1')).toEqual({ names: [], tags: ['core'], sites: ['ams1'], platforms: [] });
    expect(parseTarget('Platform:Arista_EOS,sw9')).toEqual({ names: ['sw9'], tags: [], sites: [], platforms: ['arista_eos'] });
    expect(parseTarget('tag:env:prod,site:eu/ams1')).toEqual({ names: [], tags: ['env:prod'], sites: ['eu/ams1'], platforms: [] });
  });

  it.each([
    ['', 'it is empty'],
    ['sw1,,sw2', 'it has an empty item between commas'],
    ['role:core', 'unknown selector "role:" (use tag:, site: or platform:)'],
    ['platform:ios', 'unknown platform "ios" (one of cisco_ios, cisco_nxos, arista_eos, juniper_junos, linux)'],
    ['tag:', '"tag:" needs a tag value (letters, digits, . _ : / -)'],
    ['sw1;reload', '"sw1;reload" is not a device name (letters, digits, . _ -)'],
    ['-sw1', '"-sw1" is not a device name (letters, digits, . _ -)'],
  ])('refuses %j with the allowed forms', (text, problem) => {
    const err = catchNetOpsError(() => parseTarget(text));
    expect(err.code).toBe('TARGET_INVALID');
    expect(err.message).toContain(problem);
    expect(err.message).toContain('Use a device name (access-sw1), a comma list (sw1,sw2), or tag:X, site:X, platform:X');
    expect(err.details).toMatchObject({ issues: [{ field: 'target', message: problem }] });
  });

  it('produces selectors the schema accepts, and round-trips through formatTarget', () => {
    for (const text of ['access-sw1', 'a,b', 'tag:core,tag:l3,site:ams1,platform:linux', 'sw1,tag:core']) {
      const sel = parseTarget(text);
      expect(targetSelectorSchema.parse(sel)).toEqual(sel);
      expect(parseTarget(formatTarget(sel))).toEqual(sel);
    }
  });
});

describe('matchesTarget', () => {
  it('matches listed names', () => {
    expect(selected('access-sw1,bastion')).toEqual(['access-sw1', 'bastion']);
    expect(selected('ACCESS-SW1')).toEqual([]);
  });

  it('unions values of one kind', () => {
    expect(selected('tag:core,tag:access')).toEqual(['access-sw1', 'access-sw2', 'core-sw1', 'core-sw2']);
    expect(selected('site:ams1,site:lon1')).toEqual(['access-sw1', 'access-sw2', 'core-sw1', 'core-sw2']);
  });

  it('intersects kinds', () => {
    expect(selected('tag:core,site:ams1')).toEqual(['core-sw1']);
    expect(selected('tag:access,platform:arista_eos')).toEqual([]);
    expect(selected('tag:core,tag:access,site:lon1')).toEqual(['access-sw2', 'core-sw2']);
  });

  it('adds listed names to the selector matches', () => {
    expect(selected('bastion,tag:core,site:ams1')).toEqual(['core-sw1', 'bastion']);
  });

  it('never matches a site selector on a device without a site', () => {
    expect(selected('site:ams1,platform:linux')).toEqual([]);
    expect(selected('platform:linux')).toEqual(['bastion']);
  });
});

describe('describeTarget', () => {
  it('says which devices in words', () => {
    expect(describeTarget(parseTarget('sw1'))).toBe('sw1');
    expect(describeTarget(parseTarget('sw1,sw2'))).toBe('sw1, sw2');
    expect(describeTarget(parseTarget('tag:core,tag:edge,site:ams1'))).toBe('devices with tag core or edge and site ams1');
    expect(describeTarget(parseTarget('sw1,platform:linux'))).toBe('sw1 and devices with platform linux');
  });
});
