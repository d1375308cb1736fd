import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema, type WorkflowDefinitionInput } from '../../../../src/core/workflows/workflow-definition.ts';

/** A valid minimal workflow; overrides may add keys the schema does not know (that is what some tests check). */
function base(overrides: Partial<Record<keyof WorkflowDefinitionInput, unknown>> & Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'show-version',
    platforms: ['cisco_ios'],
    stages: { implementation: [{ command: 'show version' }] },
    ...overrides,
  };
}

/** "field: message" of every problem, as the web editor lists them. */
function problems(input: unknown): string[] {
  const result = workflowDefinitionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('workflowDefinitionSchema', () => {
  it('accepts a minimal read-only workflow and applies defaults', () => {
    const def = workflowDefinitionSchema.parse(base());
    expect(def).toEqual({ name: 'show-version', description: '', platforms: ['cisco_ios'], approval: 'none', params: {}, stages: { implementation: [{ command: 'show version' }] } });
  });

  it.each(['Add-VLAN', '-vlan', 'add_vlan', 'a'.repeat(64), ''])('refuses the name %j', (name) => {
    expect(problems(base({ name }))).toEqual([expect.stringMatching(/^name: must be lower-case letters, digits and dashes/)]);
  });

  it('needs at least one known platform, each once', () => {
    expect(problems(base({ platforms: [] }))).toEqual(['platforms: must list at least one platform']);
    expect(problems(base({ platforms: ['cisco_ios', 'cisco_ios'] }))).toEqual(['platforms: must not list a platform twice']);
    expect(problems(base({ platforms: ['ios'] }))[0]).toContain('platforms.0: must be one of cisco_ios');
  });

  it('needs a non-empty implementation', () => {
    expect(problems(base({ stages: { implementation: [] } }))).toEqual(['stages.implementation: must have at least one step']);
    expect(problems(base({ stages: { pre_check: [{ command: 'show version' }] } }))[0]).toMatch(/^stages\.implementation: /);
  });

  it('rejects unknown keys at every level so typos are caught', () => {
    expect(problems(base({ aproval: 'required' }))).toEqual([': Unrecognized key: "aproval"']);
    expect(problems(base({ stages: { implementation: [{ command: 'x', expct: { contains: 'y' } }] } }))).toEqual(['stages.implementation.0: Unrecognized key: "expct"']);
    expect(problems(base({ stages: { implementation: [{ command: 'x' }], postcheck: [] } }))).toEqual(['stages: Unrecognized key: "postcheck"']);
    expect(problems(base({ params: { a: { type: 'integer', maximum: 3 } } }))).toEqual(['params.a: Unrecognized key: "maximum"']);
  });

  it('needs exactly one kind per check', () => {
    const step = (expect: unknown) => base({ stages: { implementation: [{ command: 'show vlan', expect }] } });
    expect(problems(step({}))).toEqual(['stages.implementation.0.expect: a check needs exactly one of contains, not_contains, regex, not_regex, equals; got none']);
    expect(problems(step({ contains: 'a', regex: 'b' }))).toEqual(['stages.implementation.0.expect: a check needs exactly one of contains, not_contains, regex, not_regex, equals; got contains, regex']);
    expect(problems(step({ contains: '' }))).toEqual(['stages.implementation.0.expect.contains: must not be empty (it would match any output)']);
    expect(problems(step({ equals: '' }))).toEqual([]);
  });

  it('tells exec steps from config steps', () => {
    expect(problems(base({ stages: { implementation: [{ mode: 'config', commands: [] }] } }))).toEqual(['stages.implementation.0.commands: must list at least one command']);
    expect(problems(base({ stages: { implementation: [{ mode: 'cfg', commands: ['x'] }] } }))).toEqual(['stages.implementation.0.mode: mode must be exec (the default, with `command`) or config (with `commands`)']);
    expect(problems(base({ stages: { implementation: [{ mode: 'exec', command: 'show clock' }] } }))).toEqual([]);
  });

  it('keeps pre_check and post_check read-only', () => {
    const input = base({ stages: { pre_check: [{ mode: 'config', commands: ['vlan 2'] }], implementation: [{ command: 'show version' }] } });
    expect(problems(input)).toEqual(['stages.pre_check.0.mode: pre_check must not change the device: config steps belong in implementation or rollback']);
  });

  it('refuses a command with a line break, a control character, or over 1000 characters', () => {
    const step = (command: string) => base({ stages: { implementation: [{ command }] } });
    expect(problems(step('show version\nreload'))).toEqual([
      'stages.implementation.0.command: a command contains a line break (U+000A); control characters and line breaks are refused because they could inject a second command; list each command separately',
    ]);
    expect(problems(step('show version\u0007'))[0]).toContain('a control character (U+0007)');
    expect(problems(step('show\tversion'))[0]).toContain('a tab (U+0009)');
    expect(problems(step('x'.repeat(1001)))).toEqual(['stages.implementation.0.command: must be at most 1000 characters, got 1001']);
    expect(problems(step('x'.repeat(1000)))).toEqual([]);
    expect(problems(step('   '))).toEqual(['stages.implementation.0.command: must not be empty']);
  });

  it('checks every {{placeholder}} against the declared params', () => {
    const input = base({
      params: { vlan_id: { type: 'integer' } },
      stages: {
        implementation: [{ mode: 'config', commands: ['vlan {{ vlan_id }}', 'name {{vlan_name}}'] }],
        post_check: [{ command: 'show vlan {{vlan_id}}', expect: { contains: '{{Vlan}}' } }],
      },
    });
    expect(problems(input)).toEqual([
      'stages.implementation.0.commands.1: uses {{vlan_name}} but no param "vlan_name" is declared (declared: vlan_id)',
      'stages.post_check.0.expect.contains: invalid placeholder {{Vlan}}: use {{param_name}} with lower-case letters, digits and _',
    ]);
  });

  it('refuses an unclosed placeholder', () => {
    const input = base({ params: { vlan_id: { type: 'integer' } }, stages: { implementation: [{ command: 'show vlan {{vlan_id}' }] } });
    expect(problems(input)).toEqual(['stages.implementation.0.command: unclosed {{ in "show vlan {{vlan_id}": use {{param_name}}']);
  });

  it('compiles check regexes with params substituted', () => {
    const step = (regex: string) => base({ params: { ip: { type: 'ip' } }, stages: { implementation: [{ command: 'show ip int brief', expect: { regex } }] } });
    expect(problems(step('^{{ip}}\\s+up'))).toEqual([]);
    expect(problems(step('({{ip}}\\s+up'))[0]).toMatch(/^stages\.implementation\.0\.expect\.regex: is not a valid regular expression: /);
    expect(problems(base({ stages: { implementation: [{ command: 'x', expect: { not_regex: '[a-' } }] } }))[0]).toMatch(/not_regex: is not a valid regular expression/);
  });

  it('refuses bad param names', () => {
    expect(problems(base({ params: { 'vlan id': { type: 'boolean' } } }))).toEqual([
      'params.vlan id: param name "vlan id" must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64 characters)',
    ]);
  });
});

describe('param specs', () => {
  const param = (spec: unknown) => problems(base({ params: { p: spec } }));

  it('accept every documented type', () => {
    expect(param({ type: 'integer', min: 1, max: 10, default: 5, description: 'a number' })).toEqual([]);
    expect(param({ type: 'string', pattern: '^[a-z]+$', minLength: 1, maxLength: 20, default: 'abc' })).toEqual([]);
    expect(param({ type: 'enum', values: ['access', 'trunk'], default: 'access' })).toEqual([]);
    expect(param({ type: 'ip', default: '2001:db8::1' })).toEqual([]);
    expect(param({ type: 'ip', version: 4, default: '10.0.0.1' })).toEqual([]);
    expect(param({ type: 'cidr', default: '10.0.0.0/24' })).toEqual([]);
    expect(param({ type: 'boolean', default: true, required: false })).toEqual([]);
  });

  it('name the allowed types for an unknown one', () => {
    expect(param({ type: 'int' })).toEqual(['params.p.type: type must be one of integer, string, enum, ip, cidr, boolean']);
  });

  it('require a pattern on strings and check that it compiles', () => {
    expect(param({ type: 'string' })).toEqual(['params.p.pattern: Invalid input: expected string, received undefined']);
    expect(param({ type: 'string', pattern: '([a-z]' })[0]).toMatch(/^params\.p\.pattern: is not a valid regular expression/);
  });

  it('refuse a default that does not satisfy its own spec', () => {
    expect(param({ type: 'integer', min: 2, max: 4094, default: 5000 })).toEqual(['params.p.default: default must be an integer from 2 to 4094, got 5000']);
    expect(param({ type: 'string', pattern: '^[a-z]+$', default: 'ABC' })).toEqual(['params.p.default: default must be a string matching ^[a-z]+$ (at most 255 characters), got "ABC"']);
    expect(param({ type: 'enum', values: ['a'], default: 'b' })).toEqual(['params.p.default: default must be one of a, got "b"']);
    expect(param({ type: 'ip', version: 6, default: '10.0.0.1' })).toEqual(['params.p.default: default must be an IPv6 address, got "10.0.0.1"']);
    expect(param({ type: 'cidr', default: '10.0.0.0/33' })[0]).toContain('default must be an IPv4 or IPv6 prefix');
    expect(param({ type: 'string', pattern: '.*', default: 'x\ny' })[0]).toContain('default contains a line break (U+000A)');
    expect(param({ type: 'boolean', default: 'yes' })).toEqual(['params.p.default: Invalid input: expected boolean, received string']);
  });

  it('refuse inconsistent bounds and duplicate enum values', () => {
    expect(param({ type: 'integer', min: 10, max: 2 })).toEqual(['params.p.min: min (10) is greater than max (2)']);
    expect(param({ type: 'string', pattern: '.*', minLength: 10, maxLength: 5 })).toEqual(['params.p.minLength: minLength (10) is greater than maxLength (5)']);
    expect(param({ type: 'enum', values: ['a', 'a'] })).toEqual(['params.p.values.1: duplicate value "a"']);
    expect(param({ type: 'enum', values: [] })).toEqual(['params.p.values: must list at least one value']);
  });
});
