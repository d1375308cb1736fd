import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../../src/core/workflows/output-checks.ts';
import { validateParams } from '../../../../src/core/workflows/params.ts';
import { renderStages } from '../../../../src/core/workflows/render-stages.ts';
import { workflowDefinitionSchema } from '../../../../src/core/workflows/workflow-definition.ts';
import { parseWorkflowYaml } from '../../../../src/core/workflows/workflow-yaml.ts';
import { catchNetOpsError } from '../catch-netops-error.ts';
import { ADD_VLAN_YAML } from './add-vlan.fixture.ts';

describe('renderStages', () => {
  it('renders the add-vlan example for vlan_id=120', () => {
    const def = parseWorkflowYaml(ADD_VLAN_YAML);
    const rendered = renderStages(def, validateParams(def.params, { vlan_id: '120' }));
    expect(rendered).toEqual({
      pre_check: [{ mode: 'exec', command: 'show vlan id 120', expect: { not_contains: 'active' } }],
      implementation: [{ mode: 'config', commands: ['vlan 120', 'name chatops'] }],
      post_check: [{ mode: 'exec', command: 'show vlan id 120', expect: { regex: '120\\s+chatops\\s+active' } }],
      rollback: [{ mode: 'config', commands: ['no vlan 120'] }],
    });
  });

  it('gives every stage, empty when the workflow leaves it out', () => {
    const def = workflowDefinitionSchema.parse({ name: 'show-version', platforms: ['linux'], stages: { implementation: [{ command: 'uname -a' }] } });
    expect(renderStages(def, {})).toEqual({ pre_check: [], implementation: [{ mode: 'exec', command: 'uname -a', expect: null }], post_check: [], rollback: [] });
  });

  it('escapes values in regex checks so an IP matches literally, but not in commands or other checks', () => {
    const def = workflowDefinitionSchema.parse({
      name: 'check-route',
      platforms: ['cisco_ios'],
      params: { ip: { type: 'ip', required: true } },
      stages: {
        implementation: [{ command: 'show ip route {{ip}}', expect: { regex: 'Routing entry for {{ip}}/' } }],
        post_check: [
          { command: 'show ip route {{ip}}', expect: { contains: 'entry for {{ip}}' } },
          { command: 'show ip route {{ip}}', expect: { not_regex: '^% Network {{ip}} not' } },
        ],
      },
    });
    const rendered = renderStages(def, validateParams(def.params, { ip: '10.0.0.1' }));
    const implementation = rendered.implementation[0];
    expect(implementation).toEqual({ mode: 'exec', command: 'show ip route 10.0.0.1', expect: { regex: 'Routing entry for 10\\.0\\.0\\.1/' } });
    expect(rendered.post_check.map((s) => (s.mode === 'exec' ? s.expect : null))).toEqual([
      { contains: 'entry for 10.0.0.1' },
      { not_regex: '^% Network 10\\.0\\.0\\.1 not' },
    ]);
    // The escaped regex does not match an address whose dots are other characters.
    const check = implementation?.mode === 'exec' ? implementation.expect : null;
    expect(evaluateCheck(check, 'Routing entry for 10a0b0c1/32').passed).toBe(false);
    expect(evaluateCheck(check, 'Routing entry for 10.0.0.1/32').passed).toBe(true);
  });

  it('refuses injected values even when params were not validated', () => {
    const def = parseWorkflowYaml(ADD_VLAN_YAML);
    expect(catchNetOpsError(() => renderStages(def, { vlan_id: '120\nreload', vlan_name: 'x' })).code).toBe('PARAM_INVALID');
  });
});
