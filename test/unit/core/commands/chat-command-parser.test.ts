import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChatCommand } from '../../../../src/core/commands/chat-command-parser.ts';
import { NetOpsError } from '../../../../src/core/errors/index.ts';
import { catchNetOpsError } from '../catch-netops-error.ts';

const UUID = '3f2b8c1e-9a4d-4c7b-8e2f-0a1b2c3d4e5f';

describe('parseChatCommand', () => {
  it('treats empty text as a request for help', () => {
    expect(parseChatCommand('')).toEqual({ kind: 'help', topic: null });
    expect(parseChatCommand('   \n ')).toEqual({ kind: 'help', topic: null });
  });

  it('parses help, devices, workflows and whoami', () => {
    expect(parseChatCommand('help')).toEqual({ kind: 'help', topic: null });
    expect(parseChatCommand('help Run')).toEqual({ kind: 'help', topic: 'run' });
    expect(parseChatCommand('devices')).toEqual({ kind: 'devices', filter: null });
    expect(parseChatCommand('devices tag:core site:ams1')).toEqual({ kind: 'devices', filter: 'tag:core site:ams1' });
    expect(parseChatCommand('workflows')).toEqual({ kind: 'workflows' });
    expect(parseChatCommand('WhoAmI')).toEqual({ kind: 'whoami' });
  });

  it('parses a run with target, params and --dry-run', () => {
    expect(parseChatCommand('run add-vlan on access-sw1 vlan_id=120')).toEqual({
      kind: 'run', workflow: 'add-vlan', targetText: 'access-sw1',
      target: { names: ['access-sw1'], tags: [], sites: [], platforms: [] },
      params: { vlan_id: '120' }, dryRun: false,
    });
    const intent = parseChatCommand('run add-vlan on tag:core,site:ams1 vlan_id=120 vlan_name=guests --dry-run');
    expect(intent).toMatchObject({ kind: 'run', targetText: 'tag:core,site:ams1', params: { vlan_id: '120', vlan_name: 'guests' }, dryRun: true });
  });

  it('accepts a target list with spaces around commas', () => {
    expect(parseChatCommand('run add-vlan on sw1, sw2 ,sw3 vlan_id=5')).toMatchObject({ targetText: 'sw1,sw2,sw3', params: { vlan_id: '5' } });
  });

  it('handles double, single and smart quotes in params', () => {
    expect(parseChatCommand('run set-desc on sw1 desc="core uplink" note=\'to ams1\'')).toMatchObject({ params: { desc: 'core uplink', note: 'to ams1' } });
    expect(parseChatCommand('run set-desc on sw1 desc=\u201Ccore uplink\u201D note=\u2018a b\u2019')).toMatchObject({ params: { desc: 'core uplink', note: 'a b' } });
    expect(parseChatCommand('run set-desc on sw1 "desc=core uplink"')).toMatchObject({ params: { desc: 'core uplink' } });
    expect(parseChatCommand('run set-desc on sw1 desc="a=b" empty=')).toMatchObject({ params: { desc: 'a=b', empty: '' } });
  });

  it('takes an em dash from autocorrect as --', () => {
    expect(parseChatCommand('run add-vlan on sw1 vlan_id=5 \u2014dry-run')).toMatchObject({ dryRun: true });
  });

  it('tolerates a leading /netops', () => {
    expect(parseChatCommand('/netops status 42')).toEqual({ kind: 'status', runRef: { number: 42 } });
  });

  it('keeps a control character inside a quoted value for validateParams to refuse', () => {
    expect(parseChatCommand('run add-vlan on sw1 vlan_id="120\nreload"')).toMatchObject({ params: { vlan_id: '120\nreload' } });
  });

  it('parses run references as numbers or ids', () => {
    expect(parseChatCommand('status 42')).toEqual({ kind: 'status', runRef: { number: 42 } });
    expect(parseChatCommand('cancel #42')).toEqual({ kind: 'cancel', runRef: { number: 42 } });
    expect(parseChatCommand(`diff ${UUID.toUpperCase()}`)).toEqual({ kind: 'diff', runRef: { id: UUID } });
  });

  it('parses approve and reject with free-text comments, apostrophes included', () => {
    expect(parseChatCommand('approve #42')).toEqual({ kind: 'approve', runRef: { number: 42 }, comment: null });
    expect(parseChatCommand('approve 42 checked with the site team')).toEqual({ kind: 'approve', runRef: { number: 42 }, comment: 'checked with the site team' });
    expect(parseChatCommand("reject #7 don't touch core today")).toEqual({ kind: 'reject', runRef: { number: 7 }, reason: "don't touch core today" });
    expect(parseChatCommand('reject 7 \u201Cwrong VLAN\u201D')).toEqual({ kind: 'reject', runRef: { number: 7 }, reason: 'wrong VLAN' });
  });

  it('parses history with and without a device', () => {
    expect(parseChatCommand('history')).toEqual({ kind: 'history', device: null });
    expect(parseChatCommand('history access-sw1')).toEqual({ kind: 'history', device: 'access-sw1' });
  });

  it('keeps a __proto__ param as an ordinary param', () => {
    const intent = parseChatCommand('run add-vlan on sw1 __proto__=x');
    expect(intent.kind === 'run' && Object.hasOwn(intent.params, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(intent.kind === 'run' ? intent.params : {})).toBe(Object.prototype);
  });
});

describe('parseChatCommand errors', () => {
  const RUN_USAGE = 'Usage: run WORKFLOW on TARGET [key=value ...] [--dry-run]';

  it.each([
    ['run', 'Which workflow?'],
    ['run add-vlan', 'Expected "on TARGET" after the workflow name'],
    ['run add-vlan access-sw1 vlan_id=120', 'Expected "on TARGET" after the workflow name, got "access-sw1"'],
    ['run add-vlan on', 'Which devices? Give a TARGET after "on"'],
    ['run add-vlan on vlan_id=5', 'Which devices?'],
    ['run add-vlan on sw1 vlan_id=1 vlan_id=2', 'Param vlan_id is given twice'],
    ['run add-vlan on sw1 sw2', 'Unexpected "sw2": params are written key=value'],
    ['run add-vlan on sw1 =5', '"" is not a param name'],
    ['run add-vlan on sw1 --force', 'Unknown option "--force" (allowed: --dry-run)'],
    ['run add_vlan! on sw1', '"add_vlan!" is not a workflow name'],
    ['run add-vlan on sw1 desc="core uplink', 'Unterminated quote at character 26'],
  ])('%j → %s', (text, problem) => {
    const err = catchNetOpsError(() => parseChatCommand(text));
    expect(err.code).toBe('COMMAND_PARSE_FAILED');
    expect(err.message).toContain(problem);
    expect(err.message.endsWith(RUN_USAGE)).toBe(true);
    expect(err.details).toEqual({ usage: 'run WORKFLOW on TARGET [key=value ...] [--dry-run]' });
  });

  it('passes a bad target on as TARGET_INVALID', () => {
    expect(catchNetOpsError(() => parseChatCommand('run add-vlan on role:core')).code).toBe('TARGET_INVALID');
  });

  it.each([
    ['status', 'Which run?', 'status RUN'],
    ['status abc', '"abc" is not a run: give a run number (42 or #42) or a run id (UUID)', 'status RUN'],
    ['cancel 42 43', 'Unexpected "43" after the run', 'cancel RUN'],
    ['diff #0', '"#0" is not a run', 'diff RUN'],
    ['approve', 'Which run?', 'approve RUN [comment]'],
    ['reject x wrong', '"x" is not a run', 'reject RUN [reason]'],
    ['workflows all', '"workflows" takes no arguments, got "all"', 'workflows'],
    ['whoami now', '"whoami" takes no arguments', 'whoami'],
    ['history sw1 sw2', 'Unexpected "sw2": give one device', 'history [DEVICE]'],
    ['history "sw 1"', '"sw 1" is not a device name', 'history [DEVICE]'],
  ])('%j → %s', (text, problem, usage) => {
    const err = catchNetOpsError(() => parseChatCommand(text));
    expect(err.code).toBe('COMMAND_PARSE_FAILED');
    expect(err.message).toContain(problem);
    expect(err.message.endsWith(`Usage: ${usage}`)).toBe(true);
    expect(err.details).toEqual({ usage });
  });

  it('suggests the nearest verb for a typo', () => {
    const err = catchNetOpsError(() => parseChatCommand('rnu add-vlan on sw1'));
    expect(err.code).toBe('COMMAND_PARSE_FAILED');
    expect(err.message).toBe('Unknown command "rnu". Did you mean "run"? Commands: help, devices, workflows, run, status, cancel, approve, reject, diff, history, whoami. Type "help" for details.');
    expect(err.details).toMatchObject({ suggestion: 'run', usage: expect.stringContaining('run WORKFLOW on TARGET [key=value ...] [--dry-run]') });
    expect(catchNetOpsError(() => parseChatCommand('aprove 4')).details).toMatchObject({ suggestion: 'approve' });
  });

  it('does not suggest a verb for something unrelated', () => {
    const err = catchNetOpsError(() => parseChatCommand('deploy everything'));
    expect(err.details).not.toHaveProperty('suggestion');
    expect(err.message).toMatch(/^Unknown command "deploy"\. Commands: /);
  });

  it('never echoes a raw control character into chat', () => {
    const err = catchNetOpsError(() => parseChatCommand('status 4\u001b[2J'));
    expect(err.message).toContain('"4\\u001b[2J"');
  });

  it('never throws anything but a NetOpsError (property)', () => {
    const quoteHeavy = fc.array(fc.constantFrom('run', 'on', 'sw1', ',', '=', '"', "'", '\u201C', '\u2019', '--dry-run', '#4', 'tag:', ' ', '\n', 'approve', 'x=y'), { maxLength: 12 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), quoteHeavy), (text) => {
        try {
          parseChatCommand(text);
        } catch (err) {
          return err instanceof NetOpsError;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
