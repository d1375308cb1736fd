// The lab for bench/ssh-bench.ts, in a process of its own so the benchmark's RSS measures the SSH engine.
// Usage: node bin/run-ts.js bench/ssh-lab-child.ts COUNT DELAY_MS — prints one JSON line, runs until SIGTERM.
import { startLab } from '../src/lab/index.ts';

const count = Number(process.argv[2] ?? 1);
const commandDelayMs = Number(process.argv[3] ?? 0);
const lab = await startLab({ count, commandDelayMs });
const devices = lab.devices.map((d) => ({ name: d.name, host: d.host, port: d.port, username: d.username, password: d.password, enableSecret: d.enableSecret, fingerprint: d.hostKeyFingerprint }));
process.stdout.write(`${JSON.stringify({ ready: true, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), devices })}\n`);
process.once('SIGTERM', () => void lab.close().then(() => process.exit(0)));
