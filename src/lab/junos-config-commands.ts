import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import type { CommandArgs, CommandHandler, CommandNode } from './command-matcher.ts';
import type { JunosCliContext } from './junos-cli-context.ts';
import type { JunosConfig, JunosInterface } from './junos-state.ts';

type Node = CommandNode<JunosCliContext>;
const NOT_FOUND: CliResult = { output: 'warning: statement not found\n' };
const unquote = (text: string | undefined): string => (text ?? '').replace(/^"(.*)"$/, '$1');

/** A change of the candidate; `false` from `fn` means the statement to delete was not there. */
const edit =
  (fn: (config: JunosConfig, args: CommandArgs) => boolean | void): CommandHandler<JunosCliContext> =>
  (ctx, args) =>
    fn(ctx.candidate(), args) === false ? NOT_FOUND : NO_OUTPUT;

function intf(config: JunosConfig, name: string | undefined): JunosInterface {
  const key = name ?? '';
  let found = config.interfaces.get(key);
  if (found === undefined) {
    found = { description: null, disabled: false, units: new Map() };
    config.interfaces.set(key, found);
  }
  return found;
}

const hostName = (_ctx: JunosCliContext, name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/.test(name);
const vlanName = (_ctx: JunosCliContext, name: string): boolean => /^[A-Za-z][\w.-]{0,63}$/.test(name);
const prefixed = (_ctx: JunosCliContext, address: string): boolean => address.includes('/');

/** `set …` in configuration mode. */
const SET: Node = {
  keywords: {
    system: {
      keywords: {
        'host-name': { arg: { name: 'name', kind: 'word', validate: hostName, next: { run: edit((c, a) => void (c.hostName = a.name ?? c.hostName)) } } },
      },
    },
    interfaces: {
      arg: {
        name: 'if',
        kind: 'interface',
        next: {
          keywords: {
            description: { arg: { name: 'text', kind: 'line', next: { run: edit((c, a) => void (intf(c, a.if).description = unquote(a.text))) } } },
            disable: { run: edit((c, a) => void (intf(c, a.if).disabled = true)) },
            unit: {
              arg: {
                name: 'unit',
                kind: 'number',
                min: 0,
                max: 16385,
                next: {
                  run: edit((c, a) => void intf(c, a.if).units.set(Number(a.unit), intf(c, a.if).units.get(Number(a.unit)) ?? null)),
                  keywords: {
                    family: {
                      keywords: {
                        inet: {
                          keywords: {
                            address: {
                              arg: { name: 'address', kind: 'address', validate: prefixed, next: { run: edit((c, a) => void intf(c, a.if).units.set(Number(a.unit), a.address ?? null)) } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    vlans: {
      arg: {
        name: 'vlan',
        kind: 'word',
        validate: vlanName,
        next: {
          run: edit((c, a) => void c.vlans.set(a.vlan ?? '', c.vlans.get(a.vlan ?? '') ?? { id: null, description: null })),
          keywords: {
            'vlan-id': {
              arg: {
                name: 'id',
                kind: 'number',
                min: 1,
                max: 4094,
                next: { run: edit((c, a) => void c.vlans.set(a.vlan ?? '', { description: c.vlans.get(a.vlan ?? '')?.description ?? null, id: Number(a.id) })) },
              },
            },
            description: {
              arg: {
                name: 'text',
                kind: 'line',
                next: { run: edit((c, a) => void c.vlans.set(a.vlan ?? '', { id: c.vlans.get(a.vlan ?? '')?.id ?? null, description: unquote(a.text) })) },
              },
            },
          },
        },
      },
    },
  },
};

/** `delete …` in configuration mode; a statement that is not there gives "warning: statement not found". */
const DELETE: Node = {
  keywords: {
    interfaces: {
      arg: {
        name: 'if',
        kind: 'interface',
        next: {
          run: edit((c, a) => c.interfaces.delete(a.if ?? '')),
          keywords: {
            description: { run: edit((c, a) => withInterface(c, a.if, (i) => i.description !== null && ((i.description = null), true))) },
            disable: { run: edit((c, a) => withInterface(c, a.if, (i) => i.disabled && !(i.disabled = false))) },
            unit: {
              arg: {
                name: 'unit',
                kind: 'number',
                min: 0,
                max: 16385,
                next: { run: edit((c, a) => withInterface(c, a.if, (i) => i.units.delete(Number(a.unit)))) },
              },
            },
          },
        },
      },
    },
    vlans: {
      arg: {
        name: 'vlan',
        kind: 'word',
        next: {
          run: edit((c, a) => c.vlans.delete(a.vlan ?? '')),
          keywords: {
            description: { run: edit((c, a) => { const v = c.vlans.get(a.vlan ?? ''); return v?.description != null && ((v.description = null), true); }) },
          },
        },
      },
    },
  },
};

function withInterface(config: JunosConfig, name: string | undefined, fn: (i: JunosInterface) => boolean): boolean {
  const found = config.interfaces.get(name ?? '');
  return found !== undefined && fn(found);
}

/** Configuration mode `[edit]#`. */
export const JUNOS_CONFIG_COMMANDS: Node = {
  keywords: {
    set: SET,
    delete: DELETE,
    commit: { run: (c) => c.commit('commit'), keywords: { check: { run: (c) => c.commit('check') }, 'and-quit': { run: (c) => c.commit('and-quit') } } },
    rollback: { run: (c) => c.rollback(0), arg: { name: 'n', kind: 'number', min: 0, max: 49, next: { run: (c, a) => c.rollback(Number(a.n)) } } },
    exit: { run: (c) => c.exitConfiguration(), keywords: { 'configuration-mode': { run: (c) => c.exitConfiguration() } } },
    quit: { run: (c) => c.exitConfiguration() },
    top: { run: () => NO_OUTPUT },
    show: { run: (c) => ({ output: c.configurationText('candidate') }) },
    run: { arg: { name: 'op', kind: 'line', next: { run: (c, a) => c.runOperational(a.op ?? '') } } },
  },
};
