import { describe, expect, it } from 'vitest';
import { parseWorkflowYaml, toWorkflowYaml } from '../../../../src/core/workflows/workflow-yaml.ts';
import { catchNetOpsError, issuesOf } from '../catch-netops-error.ts';
import { ADD_VLAN_YAML } from './add-vlan.fixture.ts';

describe('parseWorkflowYaml', () => {
  it('parses the add-vlan example of ARCHITECTURE.md with defaults applied', () => {
    const def = parseWorkflowYaml(ADD_VLAN_YAML);
    expect(def.name).toBe('add-vlan');
    expect(def.platforms).toEqual(['cisco_ios', 'arista_eos']);
    expect(def.approval).toBe('required');
    expect(def.params.vlan_id).toEqual({ type: 'integer', min: 2, max: 4094, required: true });
    expect(def.params.vlan_name).toEqual({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', default: 'chatops', maxLength: 255, required: false });
    expect(def.stages.pre_check).toEqual([{ command: 'show vlan id {{vlan_id}}', expect: { not_contains: 'active' } }]);
    expect(def.stages.implementation).toEqual([{ mode: 'config', commands: ['vlan {{vlan_id}}', 'name {{vlan_name}}'] }]);
    expect(def.stages.post_check?.[0]).toEqual({ command: 'show vlan id {{vlan_id}}', expect: { regex: '{{vlan_id}}\\s+{{vlan_name}}\\s+active' } });
  });

  it('reports a problem with its field path and YAML line', () => {
    const err = catchNetOpsError(() => parseWorkflowYaml(ADD_VLAN_YAML.replace("regex: '{{vlan_id}}", "regex: '({{vlan_id}}")));
    expect(err.code).toBe('WORKFLOW_INVALID');
    expect(issuesOf(err)).toEqual([
      { field: 'stages.post_check[0].expect.regex', message: expect.stringContaining('not a valid regular expression'), line: 17 },
    ]);
    expect(err.message).toContain('stages.post_check[0].expect.regex');
    expect(err.message).toContain('line 17');
  });

  it('reports every problem at once, in file order', () => {
    const yaml = ADD_VLAN_YAML
      .replace('platforms: [cisco_ios, arista_eos]', 'platforms: [cisco_ios, ios]')
      .replace('not_contains: active', 'not_contain: active')
      .replace("commands: [ 'no vlan {{vlan_id}}' ]", "commands: [ 'no vlan {{vlan}}' ]");
    const issues = issuesOf(catchNetOpsError(() => parseWorkflowYaml(yaml)));
    expect(issues.map((i) => [i.field, i.line])).toEqual([
      ['platforms[1]', 3],
      ['stages.pre_check[0].expect.not_contain', 11],
      ['stages.pre_check[0].expect', 11],
    ]);
    expect(issues[0]?.message).toBe('must be one of cisco_ios, cisco_nxos, arista_eos, juniper_junos, linux, got "ios"');
    expect(issues[1]?.message).toBe('unknown key "not_contain"');
  });

  it('reports an undeclared {{param}} with the declared ones', () => {
    const yaml = ADD_VLAN_YAML.replace("commands: [ 'no vlan {{vlan_id}}' ]", "commands: [ 'no vlan {{vlan}}' ]");
    const issues = issuesOf(catchNetOpsError(() => parseWorkflowYaml(yaml)));
    expect(issues).toEqual([{
      field: 'stages.rollback[0].commands[0]',
      message: 'uses {{vlan}} but no param "vlan" is declared (declared: vlan_id, vlan_name)',
      line: 20,
    }]);
  });

  it('refuses a written read_only: it is derived from the stages', () => {
    const issues = issuesOf(catchNetOpsError(() => parseWorkflowYaml(`${ADD_VLAN_YAML}read_only: true\n`)));
    expect(issues).toEqual([{ field: 'read_only', message: 'read_only is derived from the stages and cannot be set', line: 21 }]);
  });

  it('names a missing required key', () => {
    const issues = issuesOf(catchNetOpsError(() => parseWorkflowYaml(ADD_VLAN_YAML.replace('platforms: [cisco_ios, arista_eos]\n', ''))));
    expect(issues).toEqual([{ field: 'platforms', message: 'is required', line: 1 }]);
  });

  it('turns YAML syntax errors into WORKFLOW_INVALID with the line', () => {
    const err = catchNetOpsError(() => parseWorkflowYaml('name: x\nplatforms: [cisco_ios\nstages: {}\n'));
    expect(err.code).toBe('WORKFLOW_INVALID');
    const [first] = issuesOf(err);
    expect(first?.field).toBe('(yaml)');
    expect(first?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses duplicate keys, several documents, an empty file and a non-map', () => {
    expect(issuesOf(catchNetOpsError(() => parseWorkflowYaml(`${ADD_VLAN_YAML}name: other\n`)))[0]).toMatchObject({ field: '(yaml)', line: 21 });
    expect(issuesOf(catchNetOpsError(() => parseWorkflowYaml(`${ADD_VLAN_YAML}---\nname: b\n`)))[0]?.field).toBe('(yaml)');
    expect(issuesOf(catchNetOpsError(() => parseWorkflowYaml('  \n')))).toEqual([{ field: '(workflow)', message: 'is empty' }]);
    expect(issuesOf(catchNetOpsError(() => parseWorkflowYaml('- a\n- b\n')))[0]?.field).toBe('(workflow)');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      return `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
    })].join('\n');
    const err = catchNetOpsError(() => parseWorkflowYaml(bomb));
    expect(err.code).toBe('WORKFLOW_INVALID');
    expect(issuesOf(err)).toEqual([{ field: '(yaml)', message: expect.stringContaining('Excessive alias count') }]);
  });
});

describe('toWorkflowYaml', () => {
  it('round-trips the example', () => {
    const def = parseWorkflowYaml(ADD_VLAN_YAML);
    const yaml = toWorkflowYaml(def);
    expect(parseWorkflowYaml(yaml)).toEqual(def);
    expect(yaml.startsWith('name: add-vlan\ndescription: Create a VLAN on an access switch\nplatforms: [ cisco_ios, arista_eos ]\napproval: required\n')).toBe(true);
    expect(yaml).toContain('vlan_id: { type: integer, min: 2, max: 4094, required: true }');
    expect(yaml).not.toContain('required: false');
  });

  it('round-trips values YAML would otherwise retype (numeric strings, booleans, special characters)', () => {
    const def = parseWorkflowYaml(`name: odd-values
platforms: [linux]
params:
  mode: { type: enum, values: ['10', 'true', 'on', 'a: b'], default: 'true' }
  flag: { type: boolean, default: false }
stages:
  implementation:
    - command: "echo '{{mode}}' # {{flag}}"
      expect: { equals: '' }
`);
    expect(def.params.mode).toMatchObject({ values: ['10', 'true', 'on', 'a: b'], default: 'true' });
    expect(parseWorkflowYaml(toWorkflowYaml(def))).toEqual(def);
  });
});
