import ssh2, { type Client, type ClientChannel } from 'ssh2';
import type { LabDevice } from '../../../src/lab/index.ts';

/** A bare ssh2 shell on a lab device, to see exactly what the device sends (no NetOps code in between). */
export interface RawShell {
  send(text: string): void;
  /** Resolves with everything received since the last call once `pattern` matches it. */
  until(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the device closes the connection. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function openRawShell(device: LabDevice, auth: { password?: string; keyboard?: boolean } = {}): Promise<RawShell> {
  const client: Client = new ssh2.Client();
  const password = auth.password ?? device.password;
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)));
    client.connect({
      host: device.host,
      port: device.port,
      username: device.username,
      ...(auth.keyboard === true ? { tryKeyboard: true } : { password }),
      hostVerifier: () => true,
    });
  });
  client.on('error', () => undefined);
  const stream = await new Promise<ClientChannel>((resolve, reject) =>
    client.shell({ term: 'vt100', cols: 511, rows: 24 }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  let buffer = '';
  let wake: (() => void) | null = null;
  stream.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    wake?.();
  });
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  return {
    send: (text) => stream.write(text),
    async until(pattern, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(buffer)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(buffer.slice(-300))}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      const out = buffer;
      buffer = '';
      return out;
    },
    closed,
    async close() {
      client.end();
      await closed;
    },
  };
}
