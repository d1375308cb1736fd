import { spawn, type ChildProcess } from 'node:child_process';
import { killOnExit } from './support/bench-stack.ts';

export interface LabProcess {
  devices: { name: string; host: string; port: number; username: string; password: string; enableSecret: string }[];
  stop(): Promise<void>;
}

/** Starts `netops lab` in its own process so the benchmark's RSS measures the worker, not the devices. */
export async function startLabProcess(count: number, basePort: number): Promise<LabProcess> {
  const child: ChildProcess = killOnExit(spawn(process.execPath, ['bin/netops.js', 'lab', '--count', String(count), '--base-port', String(basePort)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  }));
  const devices: LabProcess['devices'] = [];
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.once('exit', (code) => reject(new Error(`lab exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const m of buf.matchAll(/^(\S+) (\S+):(\d+) user=(\S+) password=(\S+) enable=(\S+)/gm)) {
        if (!devices.some((x) => x.name === m[1])) devices.push({ name: m[1]!, host: m[2]!, port: Number(m[3]), username: m[4]!, password: m[5]!, enableSecret: m[6]! });
      }
      if (buf.includes('Ctrl-C stops the lab.')) resolve();
    });
  });
  return {
    devices,
    stop: () => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
