import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import type { CommandArgs, CommandHandler, CommandNode } from './command-matcher.ts';
import type { IosCliContext } from './ios-cli-context.ts';
import { ipv4Mask } from './ipv4-mask.ts';
import { macFor, roleOf, type IosInterface } from './ios-state.ts';

type Node = CommandNode<IosCliContext>;

/** A silent configuration change; records it so "! Last configuration change" follows. */
const edit =
  (fn: (ctx: IosCliContext, args: CommandArgs) => void): CommandHandler<IosCliContext> =>
  (ctx, args) => {
    fn(ctx, args);
    ctx.markChanged();
    return NO_OUTPUT;
  };

const end: Node = {
  run: (ctx) => {
    ctx.mode = 'privileged';
    ctx.currentInterface = null;
    ctx.currentVlan = null;
    return NO_OUTPUT;
  },
};

const exit: Node = {
  run: (ctx) => {
    if (ctx.mode === 'config') ctx.mode = 'privileged';
    else ctx.mode = 'config';
    ctx.currentInterface = null;
    ctx.currentVlan = null;
    return NO_OUTPUT;
  },
};

const virtualInterface = (ctx: IosCliContext, name: string): boolean => {
  const role = roleOf(ctx.state, name);
  return role === 'loopback' || role === 'vlan';
};
const validHostname = (_ctx: IosCliContext, name: string): boolean => /^[A-Za-z][A-Za-z0-9._-]{0,62}$/.test(name);
const contiguousMask = (ctx: IosCliContext, mask: string): boolean => ctx.dialect.addressForms !== 'prefix' && ipv4Mask.isContiguous(mask);
/** A.B.C.D/N where the dialect takes the prefix form, A.B.C.D (then a mask) where it takes the mask form. */
const addressForm = (ctx: IosCliContext, address: string): boolean => {
  const forms = ctx.dialect.addressForms;
  return address.includes('/') ? forms !== 'mask' : forms !== 'prefix';
};

function setAddress(ctx: IosCliContext, address: string, mask: string | undefined): CliResult {
  const [ip = '', prefix] = address.split('/');
  if (prefix === undefined && mask === undefined) return ctx.incomplete();
  currentInterface(ctx).ipv4 = { address: ip, mask: mask ?? ipv4Mask.fromPrefix(Number(prefix)) };
  ctx.markChanged();
  return NO_OUTPUT;
}

function enterInterface(ctx: IosCliContext, name: string): CliResult {
  if (!ctx.state.interfaces.has(name)) {
    const created: IosInterface = { name, description: null, ipv4: null, shutdown: false, mac: macFor(ctx.state.interfaces.size, 0xff) };
    ctx.state.interfaces.set(name, created);
    ctx.markChanged();
  }
  ctx.mode = 'config-if';
  ctx.currentInterface = name;
  ctx.currentVlan = null;
  return NO_OUTPUT;
}

function enterVlan(ctx: IosCliContext, id: number): CliResult {
  if (!ctx.state.vlans.has(id)) {
    ctx.state.vlans.set(id, { id, name: defaultVlanName(id) });
    ctx.markChanged();
  }
  ctx.mode = 'config-vlan';
  ctx.currentVlan = id;
  ctx.currentInterface = null;
  return NO_OUTPUT;
}

const defaultVlanName = (id: number): string => `VLAN${String(id).padStart(4, '0')}`;

function currentInterface(ctx: IosCliContext): IosInterface {
  const intf = ctx.state.interfaces.get(ctx.currentInterface ?? '');
  // Another session may have removed it ("no interface"); IOS would drop us back to global config.
  if (intf === undefined) throw new Error(`interface ${ctx.currentInterface ?? '?'} no longer exists`);
  return intf;
}

/** Global configuration mode `(config)#`. */
export const CONFIG_COMMANDS: Node = {
  keywords: {
    hostname: {
      arg: {
        name: 'name',
        kind: 'word',
        validate: validHostname,
        next: {
          run: edit((ctx, a) => {
            ctx.state.hostname = a.name ?? ctx.state.hostname;
          }),
        },
      },
    },
    interface: { arg: { name: 'if', kind: 'interface', next: { run: (ctx, a) => enterInterface(ctx, a.if ?? '') } } },
    vlan: { arg: { name: 'id', kind: 'number', min: 1, max: 4094, next: { run: (ctx, a) => enterVlan(ctx, Number(a.id)) } } },
    no: {
      keywords: {
        interface: {
          arg: {
            name: 'if',
            kind: 'interface',
            validate: virtualInterface,
            next: {
              run: edit((ctx, a) => {
                ctx.state.interfaces.delete(a.if ?? '');
              }),
            },
          },
        },
        vlan: {
          arg: {
            name: 'id',
            kind: 'number',
            min: 1,
            max: 4094,
            next: {
              run: (ctx, a) => {
                const id = Number(a.id);
                if (id === 1 || (id >= 1002 && id <= 1005)) return { output: `%Default VLAN ${id} may not be deleted.\n` };
                if (ctx.state.vlans.delete(id)) ctx.markChanged();
                return NO_OUTPUT;
              },
            },
          },
        },
      },
    },
    end,
    exit,
  },
};

/** Interface configuration mode `(config-if)#`. */
export const CONFIG_IF_COMMANDS: Node = {
  keywords: {
    description: {
      arg: {
        name: 'text',
        kind: 'line',
        next: {
          run: edit((ctx, a) => {
            currentInterface(ctx).description = a.text ?? '';
          }),
        },
      },
    },
    ip: {
      keywords: {
        address: {
          arg: {
            name: 'address',
            kind: 'address',
            validate: addressForm,
            next: {
              run: (ctx, a) => setAddress(ctx, a.address ?? '', undefined),
              arg: {
                name: 'mask',
                kind: 'ipv4',
                validate: (ctx, mask) => contiguousMask(ctx, mask),
                next: { run: (ctx, a) => ((a.address ?? '').includes('/') ? ctx.incomplete() : setAddress(ctx, a.address ?? '', a.mask)) },
              },
            },
          },
        },
      },
    },
    shutdown: {
      run: edit((ctx) => {
        currentInterface(ctx).shutdown = true;
      }),
    },
    no: {
      keywords: {
        description: {
          run: edit((ctx) => {
            currentInterface(ctx).description = null;
          }),
        },
        ip: {
          keywords: {
            address: {
              run: edit((ctx) => {
                currentInterface(ctx).ipv4 = null;
              }),
            },
          },
        },
        shutdown: {
          run: edit((ctx) => {
            currentInterface(ctx).shutdown = false;
          }),
        },
      },
    },
    end,
    exit,
  },
};

/** VLAN configuration mode `(config-vlan)#`. */
export const CONFIG_VLAN_COMMANDS: Node = {
  keywords: {
    name: {
      arg: {
        name: 'name',
        kind: 'word',
        validate: (_ctx, name) => name.length <= 32,
        next: {
          run: edit((ctx, a) => {
            const vlan = ctx.state.vlans.get(ctx.currentVlan ?? -1);
            if (vlan !== undefined) vlan.name = a.name ?? vlan.name;
          }),
        },
      },
    },
    no: {
      keywords: {
        name: {
          run: edit((ctx) => {
            const vlan = ctx.state.vlans.get(ctx.currentVlan ?? -1);
            if (vlan !== undefined) vlan.name = defaultVlanName(vlan.id);
          }),
        },
      },
    },
    end,
    exit,
  },
};
