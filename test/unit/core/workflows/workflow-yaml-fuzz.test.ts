import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetOpsError } from '../../../../src/core/errors/index.ts';
import { parseWorkflowYaml, toWorkflowYaml } from '../../../../src/core/workflows/workflow-yaml.ts';

const base = `name: add-vlan
platforms: [cisco_ios]
params:
  vlan_id: { type: integer, min: 2, max: 4094, required: true }
stages:
  implementation:
    - mode: config
      commands: [ 'vlan {{vlan_id}}' ]
`;

describe('workflow YAML loader under fuzzing', () => {
  it('only ever throws WORKFLOW_INVALID (with issues) for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant(base).chain((b) => fc.nat(b.length).chain((i) => fc.string({ maxLength: 8 }).map((s) => b.slice(0, i) + s + b.slice(i))))), (text) => {
        try {
          const def = parseWorkflowYaml(text);
          expect(parseWorkflowYaml(toWorkflowYaml(def))).toEqual(def); // what loads also round-trips
        } catch (err) {
          expect(err).toBeInstanceOf(NetOpsError);
          expect((err as NetOpsError).code).toBe('WORKFLOW_INVALID');
          expect((err as NetOpsError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
