import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a bench script that prints one JSON document (bench/ssh-bench.ts, bench/web-bench.ts) in its own process —
 * its memory figures are its own — and returns that document. Its stderr passes through.
 */
export function childBench(script: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const start = out.indexOf('{');
      if (code !== 0 || start < 0) return reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(out.slice(start)) as Record<string, unknown>);
      } catch (err) {
        reject(new Error(`${script} printed no JSON document: ${(err as Error).message}`));
      }
    });
  });
}
