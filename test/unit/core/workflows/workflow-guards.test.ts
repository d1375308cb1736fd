import { describe, expect, it } from 'vitest';
import { findDestructiveCommands, isReadOnlyWorkflow } from '../../../../src/core/workflows/workflow-guards.ts';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../../../../src/core/workflows/workflow-definition.ts';
import { parseWorkflowYaml } from '../../../../src/core/workflows/workflow-yaml.ts';
import { ADD_VLAN_YAML } from './add-vlan.fixture.ts';

function execOnly(...commands: string[]): WorkflowDefinition {
  return workflowDefinitionSchema.parse({ name: 'w', platforms: ['cisco_ios'], stages: { implementation: commands.map((command) => ({ command })) } });
}

function configOnly(...commands: string[]): WorkflowDefinition {
  return workflowDefinitionSchema.parse({ name: 'w', platforms: ['juniper_junos'], stages: { implementation: [{ mode: 'config', commands }] } });
}

describe('findDestructiveCommands', () => {
  it.each([
    'reload', 'Reload in 5', 'rel', 'write erase', 'wr er', 'erase startup-config', 'erase nvram:', 'format flash:',
    'delete flash:vlan.dat', 'delete /force /recursive bootflash:old', 'request system reboot', 'req sys reb',
    'request system halt', 'request system zeroize', 'request system power-off', 'file delete /var/tmp/x', 'do reload',
    'sudo reboot', 'shutdown -h now', 'poweroff', '  RELOAD  ',
  ])('flags %j', (command) => {
    expect(findDestructiveCommands(execOnly(command))).toEqual([{ stage: 'implementation', command, reason: expect.any(String) }]);
  });

  it.each(['show reload', 'show running-config | include erase', 'write memory', 'show version', 'relay', 'copy running-config startup-config', 'request system storage cleanup dry-run'])(
    'does not flag %j',
    (command) => {
      expect(findDestructiveCommands(execOnly(command))).toEqual([]);
    },
  );

  it('does not flag interface shutdown or Junos config delete statements in config mode', () => {
    expect(findDestructiveCommands(configOnly('interface Gi0/1', 'shutdown', 'delete vlans v120'))).toEqual([]);
  });

  it('flags a bare Junos delete (the whole configuration) and exec commands run from config mode', () => {
    expect(findDestructiveCommands(configOnly('delete')).map((f) => f.command)).toEqual(['delete']);
    expect(findDestructiveCommands(configOnly('run request system reboot', 'do write erase')).map((f) => f.command)).toEqual(['run request system reboot', 'do write erase']);
  });

  it('reports the stage of each hit', () => {
    const def = workflowDefinitionSchema.parse({
      name: 'w',
      platforms: ['cisco_ios'],
      stages: { implementation: [{ command: 'show version' }], rollback: [{ command: 'reload' }] },
    });
    expect(findDestructiveCommands(def)).toEqual([{ stage: 'rollback', command: 'reload', reason: 'reloads the device' }]);
  });

  it('accepts extra plain patterns, matched in every mode', () => {
    const patterns = [/^clear\s+ip\s+bgp/i];
    expect(findDestructiveCommands(execOnly('clear ip bgp *', 'reload'), patterns).map((f) => f.command)).toEqual(['clear ip bgp *']);
    expect(findDestructiveCommands(configOnly('clear ip bgp *'), [/^clear/gi, /^clear/gi]).length).toBe(1);
  });
});

describe('isReadOnlyWorkflow', () => {
  it('is false when a stage has a config step', () => {
    expect(isReadOnlyWorkflow(parseWorkflowYaml(ADD_VLAN_YAML))).toBe(false);
  });

  it('is true for show commands only', () => {
    expect(isReadOnlyWorkflow(execOnly('show version', 'show ip int brief'))).toBe(true);
  });

  it('is false for a destructive exec command even without config steps', () => {
    expect(isReadOnlyWorkflow(execOnly('show version', 'reload'))).toBe(false);
  });
});
