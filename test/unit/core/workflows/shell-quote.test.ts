import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderStages } from '../../../../src/core/workflows/render-stages.ts';
import { shellContexts } from '../../../../src/core/workflows/shell-quote.ts';
import { renderTemplate } from '../../../../src/core/workflows/templating.ts';
import { workflowDefinitionSchema } from '../../../../src/core/workflows/workflow-definition.ts';

const SMUGGLERS = [
  'x; touch PWNED', 'x && touch PWNED', 'x || touch PWNED', 'x | touch PWNED', '$(touch PWNED)', '`touch PWNED`',
  "x'; touch PWNED; echo '", 'x"; touch PWNED; echo "', "it's $(touch PWNED)", 'x & touch PWNED', '> PWNED', '*', '~',
  '${IFS}touch${IFS}PWNED', "\\'; touch PWNED #", '',
];
const TEMPLATES = ['echo {{v}}', "echo '{{v}}'", 'echo "{{v}}"', 'echo "a {{v}} b" \'c {{v}} d\' e{{v}}f'];

/** What a real shell (bash, as `ssh host CMD` runs it) prints for the line, in an empty directory: PWNED must never appear. */
function sh(line: string): string {
  return execFileSync('/bin/bash', ['-c', `cd "$(mktemp -d)" && ${line} && ls`], { encoding: 'utf8' });
}

describe('param values on Linux are one shell word', () => {
  it.each(TEMPLATES.flatMap((t) => SMUGGLERS.map((v) => [t, v] as const)))('%s with %j runs one command that prints the value', (template, value) => {
    const line = renderTemplate(template, { v: value }, { shell: true });
    const expected = renderTemplate(template.replace(/["']/g, ''), { v: value }).slice('echo '.length);
    expect(sh(line)).toBe(`${expected}\n`);
  });

  it('leaves plain values as typed, so ordinary commands read naturally', () => {
    expect(renderTemplate('ip addr add {{a}} dev {{i}}', { a: '10.0.0.1/24', i: 'eth0' }, { shell: true })).toBe('ip addr add 10.0.0.1/24 dev eth0');
    expect(renderTemplate('echo {{v}}', { v: 'hello; id' }, { shell: true })).toBe("echo 'hello; id'");
    expect(renderTemplate('echo {{v}}', { v: "it's" }, { shell: true })).toBe("echo 'it'\\''s'");
    expect(renderTemplate('echo {{v}}', { v: 'hello; id' })).toBe('echo hello; id'); // network CLIs: no shell, no quoting
  });

  it('knows where each placeholder sits', () => {
    expect(shellContexts(`a {{x}} '{{x}}' "{{x}}" "$(b {{x}})" \`{{x}}\` \${{{x}}} $'{{x}}' \\{{x}} "'{{x}}'" '"{{x}}"'`))
      .toEqual(['bare', 'single', 'double', 'unsafe', 'unsafe', 'unsafe', 'unsafe', 'unsafe', 'double', 'single']);
  });

  it('refuses a placeholder that cannot be quoted, at render time and when a Linux workflow is saved', () => {
    expect(() => renderTemplate('echo $(printf {{v}})', { v: 'x' }, { shell: true })).toThrow(/\{\{v\}\} sits where a Linux shell value cannot be quoted/);
    const def = (command: string, platforms: string[]) => workflowDefinitionSchema.safeParse({
      name: 'w', platforms, params: { v: { type: 'string', pattern: '.*' } }, stages: { implementation: [{ command }] },
    });
    const refused = def('echo `printf {{v}}`', ['linux']);
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain('{{v}} sits where a Linux shell value cannot be quoted');
    expect(def('echo `printf {{v}}`', ['cisco_ios']).success).toBe(true);
    expect(def('echo {{v}}', ['linux']).success).toBe(true);
  });

  it('quotes for the device\'s platform, or the workflow\'s only one when no device is given', () => {
    const stages = { implementation: [{ command: 'echo {{v}}' }] };
    const params = { v: 'a b' };
    expect(renderStages({ stages }, params, 'linux').implementation).toEqual([{ mode: 'exec', command: "echo 'a b'", expect: null }]);
    expect(renderStages({ stages }, params, 'cisco_ios').implementation).toEqual([{ mode: 'exec', command: 'echo a b', expect: null }]);
    expect(renderStages({ stages, platforms: ['linux'] }, params).implementation).toEqual([{ mode: 'exec', command: "echo 'a b'", expect: null }]);
    expect(renderStages({ stages, platforms: ['linux', 'cisco_ios'] }, params).implementation).toEqual([{ mode: 'exec', command: 'echo a b', expect: null }]);
  });
});
