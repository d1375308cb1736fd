import { describe, expect, it } from 'vitest';
import { intentFromSubcommand } from '../../../../src/chat/discord/command-intent.ts';
import type { SubcommandInput } from '../../../../src/chat/discord/command-options.ts';
import { readSubcommand } from '../../../../src/chat/discord/command-options.ts';
import { parseRunParams } from '../../../../src/chat/discord/run-params.ts';
import { catchNetOpsError } from '../../core/catch-netops-error.ts';

const sub = (name: string, values: SubcommandInput['values'] = {}): SubcommandInput => ({ name, values, focused: null });

describe('intentFromSubcommand', () => {
  it('builds a run intent from typed options: canonical target, string params, dry run', () => {
    expect(intentFromSubcommand(sub('run', { workflow: 'Add-Loopback', target: 'sw1, sw2,tag:core', params: 'number=100 description="core uplink"', dry_run: true }))).toEqual({
      kind: 'run', workflow: 'add-loopback', targetText: 'sw1,sw2,tag:core',
      target: { names: ['sw1', 'sw2'], tags: ['core'], sites: [], platforms: [] },
      params: { number: '100', description: 'core uplink' }, dryRun: true,
    });
  });

  it('maps every verb and its option names', () => {
    expect(intentFromSubcommand(sub('status', { run: '#42' }))).toEqual({ kind: 'status', runRef: { number: 42 } });
    expect(intentFromSubcommand(sub('approve', { run: '42', comment: 'ok' }))).toEqual({ kind: 'approve', runRef: { number: 42 }, comment: 'ok' });
    expect(intentFromSubcommand(sub('reject', { run: '42', reason: ' wrong vlan ' }))).toEqual({ kind: 'reject', runRef: { number: 42 }, reason: 'wrong vlan' });
    expect(intentFromSubcommand(sub('devices', { filter: 'tag:core' }))).toEqual({ kind: 'devices', filter: 'tag:core' });
    expect(intentFromSubcommand(sub('history', { device: 'sw1' }))).toEqual({ kind: 'history', device: 'sw1' });
    expect(intentFromSubcommand(sub('history'))).toEqual({ kind: 'history', device: null });
    expect(intentFromSubcommand(sub('whoami'))).toEqual({ kind: 'whoami' });
    expect(intentFromSubcommand(sub('help', { topic: 'run' }))).toEqual({ kind: 'help', topic: 'run' });
  });

  it('fails with a code and the Discord usage', () => {
    const notARun = catchNetOpsError(() => intentFromSubcommand(sub('status', { run: 'yesterday' })));
    expect(notARun.code).toBe('COMMAND_PARSE_FAILED');
    expect(notARun.details).toEqual({ usage: '/netops status run:<id>' });
    expect(catchNetOpsError(() => intentFromSubcommand(sub('run', { workflow: 'bad name!', target: 'sw1' }))).code).toBe('COMMAND_PARSE_FAILED');
    expect(catchNetOpsError(() => intentFromSubcommand(sub('run', { workflow: 'x', target: 'sw1,,sw2' }))).code).toBe('TARGET_INVALID');
    expect(catchNetOpsError(() => intentFromSubcommand(sub('fly'))).message).toMatch(/netops discord register/);
  });
});

describe('parseRunParams', () => {
  it('reads key=value with chat quoting, keeping = inside quoted values', () => {
    expect(parseRunParams('a=1 b="x y" c=\'k=v\'')).toEqual({ a: '1', b: 'x y', c: 'k=v' });
    expect(parseRunParams(null)).toEqual({});
    expect(Object.getPrototypeOf(parseRunParams('__proto__=1'))).toBe(Object.prototype);
  });

  it('refuses a bare word, a duplicate, a bad key and an open quote', () => {
    for (const text of ['oops', 'a=1 a=2', '1a=2', 'a="open']) {
      expect(catchNetOpsError(() => parseRunParams(text)).code).toBe('COMMAND_PARSE_FAILED');
    }
  });
});

describe('readSubcommand', () => {
  it('reads the subcommand, its values and the focused option', () => {
    expect(readSubcommand([{ type: 1, name: 'run', options: [{ type: 3, name: 'workflow', value: 'sh', focused: true }, { type: 5, name: 'dry_run', value: true }] }])).toEqual({
      name: 'run', values: { workflow: 'sh', dry_run: true }, focused: 'workflow',
    });
    expect(readSubcommand(undefined)).toBeNull();
  });
});
