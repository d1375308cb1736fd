import { describe, expect, it } from 'vitest';
import { PromptReader, type ReadTarget } from '../../../src/ssh/prompt-reader.ts';
import { ciscoIosDriver as d } from '../../../src/ssh/index.ts';

const target = (prompt = d.promptFor('R1'), stops?: RegExp[]): ReadTarget => ({
  prompt,
  stops,
  answers: [d.pager, ...d.autoAnswers],
  pagerCleanup: d.pager.cleanup,
});

describe('PromptReader', () => {
  it('ends only on a prompt at the very end of what was received', () => {
    const r = new PromptReader(target());
    expect(r.push('show run\r\nR1#show clock\r\n').kind).toBe('more'); // a prompt-looking line mid-output
    expect(r.push(' description R1# uplink >\r\n').kind).toBe('more');
    expect(r.push('R1')).toEqual({ kind: 'more' }); // the prompt split across chunks
    expect(r.push('#')).toEqual({ kind: 'prompt', prompt: 'R1#', host: 'R1' });
    expect(r.text()).toBe('show run\r\nR1#show clock\r\n description R1# uplink >\r\nR1#');
  });

  it('with the strict pattern, a prompt of another host does not end the read', () => {
    const r = new PromptReader(target());
    expect(r.push('output\r\nR2#').kind).toBe('more');
  });

  it('follows a renamed host with the generic pattern, including config sub-modes', () => {
    const r = new PromptReader(target(d.promptPattern));
    expect(r.push('hostname core-1.lab\r\ncore-1.lab(config)#')).toEqual({ kind: 'prompt', prompt: 'core-1.lab(config)#', host: 'core-1.lab' });
  });

  it('sees through ANSI codes around the prompt', () => {
    const r = new PromptReader(target());
    expect(r.push('x\x1b[0m\r\n\x1b[0m\x1b[KR1#').kind).toBe('prompt');
  });

  it('asks for the pager to be answered, then keeps reading after the erase sequence', () => {
    const r = new PromptReader(target());
    expect(r.push('line\r\n --More-- ')).toEqual({ kind: 'answer', answer: d.pager });
    expect(r.push('\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b').kind).toBe('more');
    expect(r.push('last\r\nR1#').kind).toBe('prompt');
  });

  it('stops on an extra pattern such as the enable password question', () => {
    const r = new PromptReader(target(d.promptFor('R1'), [/[Pp]assword:[ \t]*$/]));
    expect(r.push('enable\r\nPassword: ')).toEqual({ kind: 'stop', index: 0 });
  });

  it('keeps 5 MB delivered in 1 KB chunks intact and finds the prompt at the end', () => {
    const line = ' 10 permit tcp host 10.0.0.1 any eq 22\r\n';
    const body = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const r = new PromptReader(target());
    let last = r.push('show running-config\r\n');
    for (let i = 0; i < body.length; i += 1024) last = r.push(body.slice(i, i + 1024));
    expect(last.kind).toBe('more');
    expect(r.push('R1#').kind).toBe('prompt');
    expect(r.text().length).toBe('show running-config\r\n'.length + body.length + 3);
    expect(r.received).toBe(r.text().length);
  });

  it('gives a plain-text excerpt of the last bytes', () => {
    const r = new PromptReader(target());
    r.push('\x1b[1mhello\x1b[0m\r\nworld');
    expect(r.excerpt(8)).toBe('lo\nworld');
  });
});
