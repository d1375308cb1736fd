import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/core/workflows/output-checks.ts';
import { validateParams } from '../../src/core/workflows/params.ts';
import { renderStages, type RenderedStep } from '../../src/core/workflows/render-stages.ts';
import { parseWorkflowYaml } from '../../src/core/workflows/workflow-yaml.ts';

// A permissive string param (anything printable up to 300 characters) next to each other type.
const DEF = parseWorkflowYaml(`
name: fuzz-template
description: every param type in commands, config lines and checks
platforms: [cisco_ios]
approval: none
params:
  text:   { type: string, pattern: '^[^\\x00-\\x1f\\x7f]{1,300}$', maxLength: 300, required: true }
  number: { type: integer, min: -1000000, max: 1000000, required: true }
  choice: { type: enum, values: [a, 'b.c', 'x|y'], required: true }
  addr:   { type: ip, required: true }
  net:    { type: cidr, required: true }
  flag:   { type: boolean, required: true }
stages:
  pre_check:
    - command: show {{text}} {{number}}
      expect: { regex: '^{{text}}$' }
  implementation:
    - mode: config
      commands: [ 'description {{text}}', 'ip route {{net}} {{addr}}', 'set {{choice}} {{flag}}' ]
  post_check:
    - command: show {{choice}}
      expect: { not_regex: '{{choice}}' }
`);

/** Any C0/C1 control character, DEL, or a Unicode line/paragraph separator. */
const hasControl = (s: string) => [...s].some((ch) => { const c = ch.codePointAt(0)!; return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029; });
const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).filter((s) => [...s].length <= 300 && !hasControl(s));
const params = fc.record({
  text: printable, number: fc.integer({ min: -1_000_000, max: 1_000_000 }), choice: fc.constantFrom('a', 'b.c', 'x|y'),
  addr: fc.oneof(fc.ipV4(), fc.ipV6()), net: fc.ipV4().map((ip) => `${ip}/24`), flag: fc.boolean(),
});
const lines = (step: RenderedStep) => (step.mode === 'exec' ? [step.command] : step.commands);
let cases = 0;

describe('param templating under fuzzing (fast-check)', () => {
  afterAll(() => console.log(`[fuzz] ${cases} param sets rendered`));

  it('renders every accepted value into exactly one line per command, verbatim, never adding a line or a control character', () => {
    fc.assert(fc.property(params, (raw) => {
      cases++;
      const rendered = renderStages(DEF, validateParams(DEF.params, raw));
      const all = Object.values(rendered).flat();
      expect(all.map((s) => lines(s).length)).toEqual([1, 3, 1]);
      for (const line of all.flatMap(lines)) expect(hasControl(line), JSON.stringify(line)).toBe(false);
      expect(lines(rendered.pre_check[0]!)[0]).toBe(`show ${raw.text} ${raw.number}`);
      expect(lines(rendered.implementation[0]!)[0]).toBe(`description ${raw.text}`);
    }), { numRuns: 1000 });
  });

  it('matches a substituted value literally in regex checks: metacharacters never widen or break a check', () => {
    fc.assert(fc.property(params, (raw) => {
      cases++;
      const rendered = renderStages(DEF, validateParams(DEF.params, raw));
      const pre = rendered.pre_check[0]!;
      if (pre.mode !== 'exec' || !pre.expect) throw new Error('unexpected step');
      // The value itself matches; the value with one character changed does not (unless the change is a no-op).
      expect(evaluateCheck(pre.expect, raw.text).passed).toBe(true);
      const other = raw.text.length > 1 ? `${raw.text.slice(0, -1)}\u0001` : 'zz';
      expect(evaluateCheck(pre.expect, other).passed).toBe(false);
    }), { numRuns: 1000 });
  });

  it('refuses any value carrying a control character or line break, for every param type', () => {
    const control = fc.constantFrom('\n', '\r', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\t', '\u000b');
    fc.assert(fc.property(params, fc.constantFrom('text', 'choice', 'addr', 'net', 'number', 'flag'), control, fc.nat(), (raw, name, ch, at) => {
      cases++;
      const value = String(raw[name as keyof typeof raw]);
      const i = at % (value.length + 1);
      const poisoned = { ...raw, [name]: `${value.slice(0, i)}${ch}${value.slice(i)}` };
      expect(() => validateParams(DEF.params, poisoned)).toThrow(expect.objectContaining({ code: 'PARAM_INVALID' }));
    }), { numRuns: 1000 });
  });
});
