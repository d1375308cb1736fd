import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isControlCodePoint } from '../../../../src/core/workflows/control-characters.ts';
import { paramSpecSchema, type ParamSpec } from '../../../../src/core/workflows/param-spec.ts';
import { validateParams } from '../../../../src/core/workflows/params.ts';
import { catchNetOpsError, issuesOf } from '../catch-netops-error.ts';

const spec = (input: unknown): ParamSpec => paramSpecSchema.parse(input);

const ADD_VLAN: Record<string, ParamSpec> = {
  vlan_id: spec({ type: 'integer', min: 2, max: 4094, required: true }),
  vlan_name: spec({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', default: 'chatops' }),
};

const ALL_TYPES: Record<string, ParamSpec> = {
  count: spec({ type: 'integer' }),
  label: spec({ type: 'string', pattern: '.*' }),
  mode: spec({ type: 'enum', values: ['access', 'trunk'] }),
  address: spec({ type: 'ip' }),
  prefix: spec({ type: 'cidr' }),
  enabled: spec({ type: 'boolean' }),
};

describe('validateParams', () => {
  it('types chat strings and applies defaults', () => {
    expect(validateParams(ADD_VLAN, { vlan_id: '120' })).toEqual({ vlan_id: 120, vlan_name: 'chatops' });
    expect(validateParams(ADD_VLAN, { vlan_id: 120, vlan_name: 'guests' })).toEqual({ vlan_id: 120, vlan_name: 'guests' });
  });

  it('treats null as not given, so the default applies', () => {
    expect(validateParams(ADD_VLAN, { vlan_id: 7, vlan_name: null })).toEqual({ vlan_id: 7, vlan_name: 'chatops' });
  });

  it('leaves out an optional param without default', () => {
    expect(validateParams(ALL_TYPES, { count: '3' })).toEqual({ count: 3 });
  });

  it('says what an integer must be and what it got', () => {
    const err = catchNetOpsError(() => validateParams(ADD_VLAN, { vlan_id: 'abc' }));
    expect(err.code).toBe('PARAM_INVALID');
    expect(err.message).toBe('vlan_id must be an integer from 2 to 4094, got "abc"');
    expect(issuesOf(err)).toEqual([{ code: 'PARAM_INVALID', field: 'vlan_id', message: 'vlan_id must be an integer from 2 to 4094, got "abc"' }]);
  });

  it.each(['1e3', '0x10', '010', '+5', ' 5', '5 ', '4095', '1', '1.0', '', '9007199254740993'])('refuses the integer %j', (raw) => {
    expect(catchNetOpsError(() => validateParams(ADD_VLAN, { vlan_id: raw })).code).toBe('PARAM_INVALID');
  });

  it('refuses unsafe or fractional JSON numbers', () => {
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { count: 2 ** 60 })).code).toBe('PARAM_INVALID');
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { count: 1.5 })).code).toBe('PARAM_INVALID');
    expect(validateParams(ALL_TYPES, { count: '-42' })).toEqual({ count: -42 });
  });

  it('names a missing required param and what it takes', () => {
    const err = catchNetOpsError(() => validateParams(ADD_VLAN, {}));
    expect(err.code).toBe('PARAM_MISSING');
    expect(err.message).toBe('vlan_id is required: an integer from 2 to 4094');
  });

  it('names an unknown param and lists the known ones', () => {
    const err = catchNetOpsError(() => validateParams(ADD_VLAN, { vlan_id: '5', vlan: '7' }));
    expect(err.code).toBe('PARAM_UNKNOWN');
    expect(err.message).toBe('unknown param "vlan"; known params: vlan_id, vlan_name');
    expect(catchNetOpsError(() => validateParams({}, { x: '1' })).message).toBe('unknown param "x"; this workflow takes no params');
  });

  it('does not mistake Object.prototype members for params', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const raw = JSON.parse(`{"vlan_id": 5, ${JSON.stringify(name)}: "x"}`) as Record<string, unknown>;
      expect(catchNetOpsError(() => validateParams(ADD_VLAN, raw)).code).toBe('PARAM_UNKNOWN');
    }
  });

  it('reports every problem at once', () => {
    const err = catchNetOpsError(() => validateParams(ADD_VLAN, { vlan_name: 'bad name', vlan_nam: 'x' }));
    expect(err.code).toBe('PARAM_UNKNOWN');
    expect(issuesOf(err).map((i) => [i.code, i.field])).toEqual([
      ['PARAM_UNKNOWN', 'vlan_nam'],
      ['PARAM_MISSING', 'vlan_id'],
      ['PARAM_INVALID', 'vlan_name'],
    ]);
    expect(err.message).toMatch(/^3 param problems: /);
  });

  it('enforces string pattern over the whole value and maxLength (default 255)', () => {
    const loose = { note: spec({ type: 'string', pattern: '[a-z]+' }) };
    expect(validateParams(loose, { note: 'abc' })).toEqual({ note: 'abc' });
    // Unanchored patterns still have to match the whole value.
    expect(catchNetOpsError(() => validateParams(loose, { note: 'abc; reload' })).message).toBe('note must be a string matching [a-z]+ (at most 255 characters), got "abc; reload"');
    const any = { note: spec({ type: 'string', pattern: '.*' }) };
    expect(catchNetOpsError(() => validateParams(any, { note: 'x'.repeat(256) })).message).toBe('note must be at most 255 characters, got 256');
    const bounded = { note: spec({ type: 'string', pattern: '.*', minLength: 3, maxLength: 4 }) };
    expect(catchNetOpsError(() => validateParams(bounded, { note: 'ab' })).message).toBe('note must be at least 3 characters, got "ab"');
  });

  it('checks enums, IPs, prefixes and booleans', () => {
    expect(validateParams(ALL_TYPES, { mode: 'trunk', address: '10.0.0.1', prefix: '2001:db8::/32', enabled: 'Yes' })).toEqual({
      mode: 'trunk', address: '10.0.0.1', prefix: '2001:db8::/32', enabled: true,
    });
    expect(validateParams(ALL_TYPES, { enabled: 'false', address: '::1', prefix: '10.0.0.1/32' })).toEqual({ enabled: false, address: '::1', prefix: '10.0.0.1/32' });
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { mode: 'Trunk' })).message).toBe('mode must be one of access, trunk, got "Trunk"');
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { address: '10.0.0.256' })).message).toBe('address must be an IPv4 or IPv6 address, got "10.0.0.256"');
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '2001:db8::/129', '10.0.0.0/024', 'a/8', '10.0.0.0/8/8']) {
      expect(catchNetOpsError(() => validateParams(ALL_TYPES, { prefix: bad })).message).toContain('prefix must be an IPv4 or IPv6 prefix');
    }
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { enabled: 'maybe' })).message).toBe('enabled must be true or false, got "maybe"');
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { enabled: 'constructor' })).code).toBe('PARAM_INVALID');
  });

  it('honours ip and cidr versions', () => {
    const v4 = { gw: spec({ type: 'ip', version: 4 }), net: spec({ type: 'cidr', version: 6 }) };
    expect(catchNetOpsError(() => validateParams(v4, { gw: '::1' })).message).toBe('gw must be an IPv4 address, got "::1"');
    expect(catchNetOpsError(() => validateParams(v4, { net: '10.0.0.0/8' })).message).toBe('net must be an IPv6 prefix like 2001:db8::/64, got "10.0.0.0/8"');
  });

  it('refuses non-scalar JSON values', () => {
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { label: ['a'] })).message).toBe('label must be a string matching .* (at most 255 characters), got ["a"]');
    expect(catchNetOpsError(() => validateParams(ALL_TYPES, { count: { n: 1 } })).code).toBe('PARAM_INVALID');
  });

  describe('refuses command injection for every param type', () => {
    const attempts = ['120\nreload', 'x\r', '\u0000', '\u2028', '5\u2029', 'a\u001b[2J', '\u0085', 'trunk\r\nwrite erase'];
    for (const name of Object.keys(ALL_TYPES)) {
      it.each(attempts)(`${name} = %j`, (value) => {
        const err = catchNetOpsError(() => validateParams(ALL_TYPES, { [name]: value }));
        expect(err.code).toBe('PARAM_INVALID');
        expect(err.message).toMatch(new RegExp(`^${name} contains .* \\(U\\+[0-9A-F]{4}\\); control characters and line breaks are refused because they could inject a second command$`));
        // The message itself must not carry the raw character into chat.
        expect([...err.message].some((ch) => isControlCodePoint(ch.codePointAt(0) ?? 0))).toBe(false);
      });
    }
  });

  it('refuses bidirectional-text controls that would make the approval message lie', () => {
    const err = catchNetOpsError(() => validateParams(ALL_TYPES, { label: 'uplink \u202Eevil' }));
    expect(err.code).toBe('PARAM_INVALID');
    expect(err.message).toBe('label contains a bidirectional-text control (U+202E); it is refused because it makes the text display differently from what the device receives');
  });

  it('never accepts a value containing a control character (property)', () => {
    const control = fc.constantFrom(...[...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i), 0x2028, 0x2029].map((c) => String.fromCharCode(c)));
    const names = Object.keys(ALL_TYPES);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), control, fc.string(), (name, before, ch, after) => {
        try {
          validateParams(ALL_TYPES, { [name]: `${before}${ch}${after}` });
          return false;
        } catch (err) {
          return (err as { code?: string }).code === 'PARAM_INVALID';
        }
      }),
      { numRuns: 500 },
    );
  });
});
