import { describe, expect, it } from 'vitest';
import { assertSingleLine } from '../../../src/ssh/single-line-command.ts';

describe('assertSingleLine', () => {
  it.each(['show version', 'description a;b|c $(x) `y` > z', "echo 'quoted' \"too\"", 'tab\tis fine'])('lets %j through unchanged', (command) => {
    expect(() => assertSingleLine(command)).not.toThrow();
  });

  it.each(['a\nb', 'a\rb', 'a\x00b', 'a\x1b[2Jb', 'a\x7fb', 'a\x1ab'])('refuses %j with VALIDATION_FAILED', (command) => {
    expect(() => assertSingleLine(command)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
