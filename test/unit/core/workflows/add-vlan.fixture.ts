/** The add-vlan example of ARCHITECTURE.md "Workflows as files", verbatim. */
export const ADD_VLAN_YAML = `name: add-vlan
description: Create a VLAN on an access switch
platforms: [cisco_ios, arista_eos]
approval: required            # none | required
params:
  vlan_id:   { type: integer, min: 2, max: 4094, required: true }
  vlan_name: { type: string, pattern: '^[A-Za-z0-9_-]{1,32}$', default: chatops }
stages:
  pre_check:
    - command: show vlan id {{vlan_id}}
      expect: { not_contains: active }
  implementation:
    - mode: config
      commands: [ 'vlan {{vlan_id}}', 'name {{vlan_name}}' ]
  post_check:
    - command: show vlan id {{vlan_id}}
      expect: { regex: '{{vlan_id}}\\s+{{vlan_name}}\\s+active' }
  rollback:
    - mode: config
      commands: [ 'no vlan {{vlan_id}}' ]
`;
