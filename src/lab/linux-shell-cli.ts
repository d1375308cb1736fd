import type { CliResult } from './cli-result.ts';
import type { LabDeviceEnv } from './lab-device-env.ts';
import { runLinuxCommand } from './linux-commands.ts';
import type { LinuxState } from './linux-state.ts';
import type { PagerStyle, TerminalCli } from './terminal-cli.ts';

const NO_PAGER: PagerStyle = { prompt: () => '', erase: () => '' };

/** An interactive login shell on the simulated Linux host (people use it; the driver uses exec channels). */
export class LinuxShellCli implements TerminalCli {
  readonly pageLength = 0;
  readonly pager = NO_PAGER;
  readonly ctrlZEcho = '^Z';

  constructor(
    private readonly state: LinuxState,
    private readonly env: LabDeviceEnv,
  ) {}

  prompt(): string {
    return `${this.env.username}@${this.state.hostname}:~$ `;
  }

  execute(line: string): CliResult {
    if (/^\s*(exit|logout)\s*$/.test(line)) return { output: 'logout\n', close: true };
    const result = runLinuxCommand(this.state, line, { username: this.env.username, root: false });
    return { output: result.stdout + result.stderr };
  }
}
