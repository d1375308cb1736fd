import { NO_OUTPUT, type CliResult } from './cli-result.ts';
import type { CommandArgs, CommandHandler, CommandNode } from './command-matcher.ts';
import type { IosCliContext } from './ios-cli-context.ts';
import { showClock, showInterfaces } from './ios-show-output.ts';
import { showVlanBrief, showVlanId } from './ios-show-vlan.ts';

type Node = CommandNode<IosCliContext>;
const out = (output: string): CliResult => ({ output });
const existingInterface = (ctx: IosCliContext, name: string): boolean => ctx.state.interfaces.has(name);
const close: Node = { run: () => ({ output: '', close: true }) };
/** A command that only changes session settings and prints nothing. */
const quiet =
  (fn: (ctx: IosCliContext, args: CommandArgs) => void): CommandHandler<IosCliContext> =>
  (ctx, args) => {
    fn(ctx, args);
    return NO_OUTPUT;
  };

function interfaceConfig(ctx: IosCliContext, name: string | undefined): CliResult {
  const intf = ctx.state.interfaces.get(name ?? '');
  return intf === undefined ? NO_OUTPUT : out(ctx.dialect.interfaceConfig(ctx.state, intf));
}

function runningConfig(ctx: IosCliContext): CliResult {
  const fault = ctx.env.fault();
  return out(
    ctx.dialect.runningConfig(ctx.state, {
      username: ctx.env.username,
      password: ctx.env.password,
      enableSecret: ctx.env.enableSecret,
      clearTextSecrets: fault?.kind === 'echoSecrets',
      hugeMegabytes: fault?.kind === 'hugeConfig' ? fault.megabytes : 0,
    }),
  );
}

const save =
  (how: 'write' | 'copy'): CommandHandler<IosCliContext> =>
  (ctx) =>
    ctx.dialect.save(ctx.state, how);

function enable(ctx: IosCliContext): CliResult {
  if (ctx.mode !== 'user') return NO_OUTPUT;
  if (ctx.env.enableSecret === '') {
    ctx.mode = 'privileged';
    return NO_OUTPUT;
  }
  return {
    output: '',
    ask: {
      prompt: 'Password: ',
      secret: true,
      answer: (reply) => {
        if (reply !== ctx.env.enableSecret) return out('% Access denied\n\n');
        ctx.mode = 'privileged';
        return NO_OUTPUT;
      },
    },
  };
}

const terminal: Node = {
  keywords: {
    length: {
      arg: {
        name: 'n',
        kind: 'number',
        min: 0,
        max: 512,
        next: {
          run: (ctx, a) => {
            ctx.terminalLength = Number(a.n);
            return out(ctx.dialect.replies.terminalLength(ctx.terminalLength));
          },
        },
      },
    },
    width: {
      arg: {
        name: 'n',
        kind: 'number',
        min: 0,
        max: 512,
        next: {
          run: (ctx, a) => {
            ctx.terminalWidth = Number(a.n);
            return out(ctx.dialect.replies.terminalWidth(ctx.terminalWidth));
          },
        },
      },
    },
  },
};

const ipInterfaceBrief: Node = {
  keywords: { interface: { keywords: { brief: { run: (ctx) => out(ctx.dialect.showIpInterfaceBrief(ctx.state)) } } } },
};
const version: Node = { run: (ctx) => out(ctx.dialect.showVersion(ctx.state)) };
const vlanId = (ctx: IosCliContext, id: string | undefined): CliResult => out(showVlanId(ctx.state, Number(id), ctx.dialect.vlanNotFound(Number(id))));

const showInterfacesNode: Node = {
  run: (ctx) => out(showInterfaces(ctx.state)),
  arg: { name: 'if', kind: 'interface', validate: existingInterface, next: { run: (ctx, a) => out(showInterfaces(ctx.state, a.if)) } },
};

/** What user EXEC (`>`) may run. */
export const USER_EXEC_COMMANDS: Node = {
  keywords: {
    show: {
      keywords: {
        version,
        clock: { run: () => out(showClock()) },
        interfaces: showInterfacesNode,
        ip: ipInterfaceBrief,
      },
    },
    enable: { run: enable },
    terminal,
    exit: close,
    logout: close,
  },
};

/** What privileged EXEC (`#`) may run. */
export const PRIVILEGED_EXEC_COMMANDS: Node = {
  keywords: {
    show: {
      keywords: {
        version,
        clock: { run: () => out(showClock()) },
        interfaces: showInterfacesNode,
        ip: ipInterfaceBrief,
        'running-config': {
          run: runningConfig,
          keywords: {
            interface: {
              arg: {
                name: 'if',
                kind: 'interface',
                validate: existingInterface,
                next: { run: (ctx, a) => interfaceConfig(ctx, a.if) },
              },
            },
          },
        },
        vlan: {
          run: (ctx) => out(showVlanBrief(ctx.state)),
          keywords: {
            brief: { run: (ctx) => out(showVlanBrief(ctx.state)) },
            id: { arg: { name: 'id', kind: 'number', min: 1, max: 4094, next: { run: (ctx, a) => vlanId(ctx, a.id) } } },
          },
          // EOS: `show vlan 10`.
          arg: { name: 'id', kind: 'number', min: 1, max: 4094, next: { run: (ctx, a) => vlanId(ctx, a.id) } },
        },
      },
    },
    configure: {
      keywords: {
        terminal: {
          run: (ctx) => {
            ctx.mode = 'config';
            return out(ctx.dialect.replies.configure);
          },
        },
      },
    },
    enable: { run: enable },
    disable: {
      run: quiet((ctx) => {
        ctx.mode = 'user';
      }),
    },
    terminal,
    write: { run: save('write'), keywords: { memory: { run: save('write') } } },
    copy: { keywords: { 'running-config': { keywords: { 'startup-config': { run: save('copy') } } } } },
    exit: close,
    logout: close,
  },
};
