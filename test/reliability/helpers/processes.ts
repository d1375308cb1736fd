import { spawn, type ChildProcess } from 'node:child_process';

/** A real `netops worker` process (stdout dropped, stderr shown), so that kill -9 is a real crash. */
export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bin/netops.js', 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Polls `fn` until it returns something truthy; fails naming `what` after the timeout. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}
