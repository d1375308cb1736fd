import { describe, expect, it } from 'vitest';
import { escapeRegex, renderTemplate, templateParamNames } from '../../../../src/core/workflows/templating.ts';
import { catchNetOpsError, issuesOf } from '../catch-netops-error.ts';

describe('renderTemplate', () => {
  it('substitutes {{name}} with or without inner spaces', () => {
    expect(renderTemplate('vlan {{vlan_id}} name {{ vlan_name }}', { vlan_id: 120, vlan_name: 'guests' })).toBe('vlan 120 name guests');
    expect(renderTemplate('shutdown is {{off}}', { off: false })).toBe('shutdown is false');
  });

  it('does not expand placeholders found inside values', () => {
    expect(renderTemplate('description {{a}}', { a: '{{b}}', b: 'x' })).toBe('description {{b}}');
  });

  it('names an unknown param', () => {
    const err = catchNetOpsError(() => renderTemplate('vlan {{vlan}}', { vlan_id: 1 }));
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.message).toBe('unknown param {{vlan}}; known params: vlan_id');
    expect(issuesOf(err)[0]?.field).toBe('vlan');
  });

  it('refuses malformed placeholders', () => {
    expect(catchNetOpsError(() => renderTemplate('vlan {{vlan id}}', {})).code).toBe('TEMPLATE_INVALID');
    expect(catchNetOpsError(() => renderTemplate('vlan {{}}', {})).code).toBe('TEMPLATE_INVALID');
    expect(catchNetOpsError(() => renderTemplate('vlan {{vlan_id', { vlan_id: 1 })).message).toBe('unclosed {{ in "vlan {{vlan_id": use {{param_name}}');
  });

  it('refuses a control character in a value even when validation was bypassed', () => {
    for (const value of ['120\nreload', 'x\r', '\u0000', '\u2028']) {
      const err = catchNetOpsError(() => renderTemplate('vlan {{vlan_id}}', { vlan_id: value }));
      expect(err.code).toBe('PARAM_INVALID');
      expect(err.message).toContain('vlan_id contains');
    }
  });

  it('refuses a value that is not a scalar', () => {
    const values = { vlan_id: { toString: () => '1' } } as unknown as Record<string, string>;
    expect(catchNetOpsError(() => renderTemplate('vlan {{vlan_id}}', values)).code).toBe('PARAM_INVALID');
  });

  it('escapes values for a regex on request', () => {
    expect(renderTemplate('^{{ip}}\\s+up', { ip: '10.0.0.1' }, { escapeRegex: true })).toBe('^10\\.0\\.0\\.1\\s+up');
    expect(escapeRegex('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p')).toBe('a\\.b\\*c\\+d\\?e\\^f\\$g\\{h\\}i\\(j\\)k\\|l\\[m\\]n\\\\o\\/p');
  });
});

describe('templateParamNames', () => {
  it('lists each name once, in order of first use', () => {
    expect(templateParamNames('{{b}} {{ a }} {{b}} x')).toEqual(['b', 'a']);
    expect(templateParamNames('show version')).toEqual([]);
  });

  it('refuses a malformed template', () => {
    expect(catchNetOpsError(() => templateParamNames('{{ A }}')).code).toBe('TEMPLATE_INVALID');
  });
});
