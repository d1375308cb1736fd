import type { CliResult } from './cli-result.ts';
import type { CommandNode } from './command-matcher.ts';
import type { JunosCliContext } from './junos-cli-context.ts';
import { showJunosInterfacesTerse, showJunosUptime, showJunosVersion, showJunosVlans } from './junos-show-output.ts';

type Node = CommandNode<JunosCliContext>;
const out = (output: string): CliResult => ({ output });
const close: Node = { run: () => ({ output: '', close: true }) };

/** Operational mode `user@host>`. */
export const JUNOS_OPERATIONAL_COMMANDS: Node = {
  keywords: {
    show: {
      keywords: {
        version: { run: (c) => out(showJunosVersion(c.state)) },
        configuration: { run: (c) => out(c.configurationText('active')) },
        interfaces: { keywords: { terse: { run: (c) => out(showJunosInterfacesTerse(c.state)) } } },
        vlans: { run: (c) => out(showJunosVlans(c.state)) },
        system: { keywords: { uptime: { run: (c) => out(showJunosUptime(c.state)) } } },
      },
    },
    set: {
      keywords: {
        cli: {
          keywords: {
            'screen-length': {
              arg: {
                name: 'n',
                kind: 'number',
                min: 0,
                max: 100000,
                next: {
                  run: (c, a) => {
                    c.screenLength = Number(a.n);
                    return out(`Screen length set to ${c.screenLength}\n`);
                  },
                },
              },
            },
            'screen-width': {
              arg: {
                name: 'n',
                kind: 'number',
                min: 0,
                max: 1024,
                next: {
                  run: (c, a) => {
                    c.screenWidth = Number(a.n);
                    return out(`Screen width set to ${c.screenWidth}\n`);
                  },
                },
              },
            },
            'complete-on-space': { keywords: { on: { run: () => out('Enabling complete-on-space\n') }, off: { run: () => out('Disabling complete-on-space\n') } } },
          },
        },
      },
    },
    configure: {
      run: (c) => c.enterConfiguration('shared'),
      keywords: { private: { run: (c) => c.enterConfiguration('private') }, exclusive: { run: (c) => c.enterConfiguration('shared') } },
    },
    exit: close,
    quit: close,
  },
};
