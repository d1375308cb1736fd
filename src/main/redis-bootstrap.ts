import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { NetOpsError } from '../core/errors/index.ts';

export interface RedisHandle {
  url: string;
  /** True when this process launched a private redis-server. */
  started: boolean;
  stop(): Promise<void>;
}

/** True when a Redis (or one asking for a password) answers PING at host:port within the timeout. */
export function ping(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

/** A free TCP port on loopback (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const HOW_TO_GET_REDIS =
  'Install Redis (apt-get install redis-server, brew install redis) or run `docker compose up -d redis`, then set REDIS_URL.';

/**
 * Uses REDIS_URL when something answers there. Otherwise, if redis-server is on PATH, starts a private
 * one (data under dataDir) on a free loopback port. Otherwise stops with how to get Redis.
 */
export async function startPrivateRedisIfNeeded(opts: { url: string; dataDir: string; persist: boolean }): Promise<RedisHandle> {
  const parsed = new URL(opts.url);
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  if (await ping(host, port)) return { url: opts.url, started: false, stop: async () => {} };

  mkdirSync(opts.dataDir, { recursive: true });
  const privatePort = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(privatePort), '--dir', opts.dataDir, '--save', ''];
  args.push('--appendonly', opts.persist ? 'yes' : 'no');
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('error', (err) => resolve(err));
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) {
    throw new NetOpsError('QUEUE_UNAVAILABLE', `Redis is not reachable at ${opts.url} and redis-server is not on PATH. ${HOW_TO_GET_REDIS}`);
  }
  for (let i = 0; i < 100; i++) {
    if (await ping('127.0.0.1', privatePort, 200)) {
      return {
        url: `redis://127.0.0.1:${privatePort}`,
        started: true,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new NetOpsError('QUEUE_UNAVAILABLE', `A private redis-server did not start on port ${privatePort}. ${HOW_TO_GET_REDIS}`);
}
