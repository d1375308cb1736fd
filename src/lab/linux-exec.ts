import type { ServerChannel } from 'ssh2';
import type { LabDeviceEnv } from './lab-device-env.ts';
import type { LabFault } from './lab-fault.ts';
import { runLinuxCommand } from './linux-commands.ts';
import type { LinuxState } from './linux-state.ts';

/** What an exec request needs from its device. */
export interface ExecHooks {
  fault(): LabFault | null;
  commandDelayMs: number;
  /** Records the command in the device's commandLog. */
  log(line: string): void;
  /** Drops the whole SSH connection (the drop fault). */
  disconnect(): void;
}

/** Answers one exec request on the simulated Linux host: output, stderr, the exit status, then close. */
export function serveLinuxExec(channel: ServerChannel, command: string, state: LinuxState, env: LabDeviceEnv, hooks: ExecHooks): void {
  hooks.log(command);
  const fault = hooks.fault();
  if (fault?.kind === 'hang') return; // the channel stays open and silent
  const delay = hooks.commandDelayMs + (fault?.kind === 'slow' ? fault.delayMs : 0);
  const answer = (): void => {
    if (channel.destroyed) return;
    const result = runLinuxCommand(state, command, { username: env.username, root: false });
    if (fault?.kind === 'drop') {
      channel.write(result.stdout.slice(0, Math.ceil(result.stdout.length / 2)));
      hooks.disconnect();
      return;
    }
    // echoSecrets: a script that prints the credentials it was given.
    const stdout = fault?.kind === 'echoSecrets' ? `${result.stdout}login ${env.username} password ${env.password}\n` : result.stdout;
    channel.write(fault?.kind === 'ansi' ? stdout.replace(/^(.+)$/gm, '\x1b[1;32m$1\x1b[0m') : stdout);
    if (result.stderr !== '') channel.stderr.write(result.stderr);
    channel.exit(result.code);
    channel.end();
  };
  if (delay > 0) setTimeout(answer, delay);
  else answer();
}
