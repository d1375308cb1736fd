import type { Client } from 'ssh2';

/** Ends an SSH connection politely, destroying it if the server does not close within 2 s. */
export function endClient(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(() => {
      client.destroy();
      resolve();
    }, 2000);
    fallback.unref();
    client.once('close', () => {
      clearTimeout(fallback);
      resolve();
    });
    client.end();
  });
}
