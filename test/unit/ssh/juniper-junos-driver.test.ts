import { describe, expect, it } from 'vitest';
import { cleanCommandOutput, findErrorMarker, juniperJunosDriver as d } from '../../../src/ssh/index.ts';

describe('juniper_junos driver', () => {
  it.each([
    ['netops@mx1> ', 'mx1'],
    ['netops@mx1# ', 'mx1'],
    ['jdoe@core-r1.ams.example.net> ', 'core-r1.ams.example.net'],
    ['svc_netops@lab-junos-1#', 'lab-junos-1'],
  ])('recognises the prompt %j', (line, host) => {
    expect(d.promptPattern.exec(line)?.groups?.host).toBe(host);
  });

  it.each(['[edit]', '{master:0}', 'root@mx1:RE:0% ', 'mx1>', 'set system host-name a@b> x'])('does not take %j for a CLI prompt', (line) => {
    expect(d.promptPattern.test(line)).toBe(false);
  });

  it('the strict prompt follows the hostname, dots escaped', () => {
    const p = d.promptFor('mx1.lab');
    expect(p.test('netops@mx1.lab# ')).toBe(true);
    expect(p.test('netops@mx1xlab# ')).toBe(false);
  });

  it('configures in a private candidate: check, commit, roll back on failure', () => {
    expect(d.privilege).toBeNull();
    expect(d.prepareCommands).toEqual(['set cli screen-length 0', 'set cli screen-width 511', 'set cli complete-on-space off']);
    expect(d.config).toEqual({
      enterCommands: ['configure private'],
      commitCommands: ['commit check', 'commit'],
      abortCommands: ['rollback 0'],
      exitCommands: ['exit configuration-mode'],
    });
    expect(d.runningConfigCommand).toBe('show configuration | display set');
    expect(d.saveCommand).toBe('');
  });

  it('knows Junos error texts', () => {
    expect(findErrorMarker('                     ^\nsyntax error, expecting <command>.', d)).toBe('syntax error');
    expect(findErrorMarker('                ^\nunknown command.', d)).toBe('unknown command');
    expect(findErrorMarker('                ^\nmissing argument.', d)).toBe('missing argument');
    expect(findErrorMarker("'s' is ambiguous.", d)).toBe("'s' is ambiguous");
    expect(findErrorMarker("[edit vlans]\n  'v20'\n    Duplicate vlan-id\nerror: configuration check-out failed", d)).toBe('error:');
    expect(findErrorMarker('warning: statement has no contents; ignored\ncommit complete', d)).toBeNull();
    expect(findErrorMarker('set interfaces ge-0/0/1 description "syntax error, not really"', d)).toBeNull();
  });

  it('drops [edit], {master:0} and the blank lines above the prompt from outputs', () => {
    const raw = 'configure private \r\nwarning: uncommitted changes will be discarded on exit\r\nEntering configuration mode\r\n\r\n{master:0}[edit]\r\nnetops@sw1# ';
    expect(cleanCommandOutput(raw, 'configure private', d)).toBe('warning: uncommitted changes will be discarded on exit\nEntering configuration mode');
    expect(cleanCommandOutput('set vlans v10 vlan-id 10 \r\n\r\n[edit]\r\nnetops@sw1# ', 'set vlans v10 vlan-id 10', d)).toBe('');
    expect(cleanCommandOutput('show version \r\nModel: ex4300\r\n\r\n{master:0}\r\nnetops@sw1> ', 'show version', d)).toBe('Model: ex4300');
  });

  it('answers ---(more)--- and ---(more 42%)--- and removes them from the output', () => {
    expect(d.pager.pattern.test('---(more)---')).toBe(true);
    expect(d.pager.pattern.test('---(more 42%)---')).toBe(true);
    const raw = 'show x \r\nline1\r\n---(more 50%)---\r                \rline2\r\n\r\nnetops@sw1> ';
    expect(cleanCommandOutput(raw, 'show x', d)).toBe('line1\nline2');
  });

  it('filters the commit stamp from diffs', () => {
    expect(d.diffNoisePatterns.some((p) => p.test('## Last commit: 2025-01-06 10:21:07 UTC by netops'))).toBe(true);
    expect(d.diffNoisePatterns.some((p) => p.test('set system host-name sw1'))).toBe(false);
  });
});
