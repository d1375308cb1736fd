import { describe, expect, it } from 'vitest';
import { netopsCommand } from '../../../../src/chat/discord/netops-command.ts';

type Option = { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; options?: Option[] };

describe('the /netops command', () => {
  const command = netopsCommand() as unknown as { name: string; description: string; contexts: number[]; options: Option[] };
  const sub = (name: string) => command.options.find((o) => o.name === name);
  const names = (name: string) => (sub(name)?.options ?? []).map((o) => o.name);

  it('has a subcommand per chat verb with the documented option names', () => {
    expect(command.options.map((o) => o.name)).toEqual(['help', 'devices', 'workflows', 'run', 'status', 'cancel', 'approve', 'reject', 'diff', 'history', 'whoami']);
    expect(names('run')).toEqual(['workflow', 'target', 'params', 'dry_run']);
    for (const verb of ['status', 'cancel', 'approve', 'diff']) expect(names(verb)[0]).toBe('run');
    expect(names('reject')).toEqual(['run', 'reason']);
    expect(names('devices')).toEqual(['filter']);
    expect(names('history')).toEqual(['device']);
    expect(sub('run')?.options?.filter((o) => o.autocomplete).map((o) => o.name)).toEqual(['workflow', 'target', 'params']);
    expect(command.contexts).toEqual([0]); // servers only: no roles to check in DMs
  });

  it('respects Discord\'s limits: names 1–32 lower-case, descriptions 1–100, required options first', () => {
    const walk = (options: Option[]) => {
      let optionalSeen = false;
      for (const o of options) {
        expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        if (o.type !== 1) {
          if (!o.required) optionalSeen = true;
          else expect(optionalSeen).toBe(false);
        }
        walk(o.options ?? []);
      }
    };
    expect(command.name).toBe('netops');
    expect(command.description.length).toBeLessThanOrEqual(100);
    walk(command.options);
  });
});
